using EcgBridge.Core;
using EcgBridge.Core.Issues;
using EcgBridge.Core.Mapping;

namespace EcgBridge.Fhir.Decoding;

/// <summary>Reads FHIR ECG files for the command line: size check before reading, profile by file or name, decode.</summary>
public static class FhirEcgFile
{
    /// <summary>
    /// Reads every ECG Observation of a FHIR JSON/XML file (format sniffed). <paramref name="profile"/> is a profile JSON
    /// file, the name of a built-in FHIR profile (fhir-components, fhir-interleaved-12) or of a file in ./mappings, or null
    /// for the default profile.
    /// </summary>
    public static bool TryRead(string path, string? profile, IssueList issues, out IReadOnlyList<EcgRecording> recordings) =>
        TryRead(path, profile, embedded: null, issues, out recordings);

    /// <summary>Reads a FHIR file; vendor files attached to DocumentReference / Media go to <paramref name="embedded"/>.</summary>
    public static bool TryRead(string path, string? profile, EcgBridge.Core.Decoding.EmbeddedEcgDecoder? embedded, IssueList issues, out IReadOnlyList<EcgRecording> recordings)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(issues);
        recordings = [];
        FhirDecoderOptions options = FhirDecoderOptions.Default;
        if (!TryResolveProfile(profile, issues, out MappingProfile? mapping))
        {
            return false;
        }

        byte[] body;
        try
        {
            if (new FileInfo(path).Length > options.MaxBodyBytes)
            {
                issues.Error(FhirCodes.BodyTooLarge, "body");
                return false;
            }

            body = File.ReadAllBytes(path);
        }
        catch (IOException)
        {
            issues.Error(FhirCodes.BodyEmpty, "body");
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            issues.Error(FhirCodes.BodyEmpty, "body");
            return false;
        }

        if (!FhirEcgDecoder.TryDecode(body, FhirFormat.Unknown, mapping, options, embedded, issues, out IReadOnlyList<FhirEcgInput> inputs))
        {
            return false;
        }

        var list = new EcgRecording[inputs.Count];
        for (int i = 0; i < list.Length; i++)
        {
            list[i] = inputs[i].Recording;
        }

        recordings = list;
        return true;
    }

    private static bool TryResolveProfile(string? profile, IssueList issues, out MappingProfile? mapping)
    {
        mapping = null;
        if (string.IsNullOrWhiteSpace(profile))
        {
            return true;
        }

        string name = profile.Trim();
        if (string.Equals(name, FhirEcgProfiles.Default.Name, StringComparison.OrdinalIgnoreCase))
        {
            mapping = FhirEcgProfiles.Default;
            return true;
        }

        if (string.Equals(name, FhirEcgProfiles.Interleaved12.Name, StringComparison.OrdinalIgnoreCase))
        {
            mapping = FhirEcgProfiles.Interleaved12;
            return true;
        }

        string file = File.Exists(name) ? name : Path.Combine("mappings", name + ".json");
        if (!File.Exists(file))
        {
            issues.Error(FhirCodes.ProfileUnknown, "profile");
            return false;
        }

        if (!MappingProfileJson.TryParse(File.ReadAllText(file), issues, out mapping))
        {
            return false;
        }

        if (mapping!.Format is not (MappingFormat.FhirComponents or MappingFormat.FhirInterleaved))
        {
            issues.Error(FhirCodes.ProfileUnknown, "profile");
            mapping = null;
            return false;
        }

        return true;
    }
}

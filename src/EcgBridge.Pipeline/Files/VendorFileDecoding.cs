using System.Diagnostics.CodeAnalysis;
using EcgBridge.Core;
using EcgBridge.Core.Decoding;
using EcgBridge.Core.Issues;
using EcgBridge.Core.Mapping;

namespace EcgBridge.Pipeline.Files;

/// <summary>
/// Vendor ECG files — alone (folder, CLI) or carried in a message (HL7 OBX ED, FHIR attachment) — to a recording: the
/// content is sniffed only to choose among the profiles the feed allows, then that profile's decoder runs. One path for
/// every route, so the same file gives the same tensor whichever way it arrives.
/// </summary>
public sealed class VendorFileDecoding
{
    /// <summary>The profile formats that describe vendor files.</summary>
    public static readonly MappingFormat[] FileFormats = [MappingFormat.GeMuseXml, MappingFormat.PhilipsXml, MappingFormat.Hl7Aecg, MappingFormat.DicomEcg];

    private readonly MappingProfileSet _profiles;
    private readonly Dictionary<MappingFormat, IEcgDecoder> _decoders;
    private readonly FormatSniffer _sniff;

    public VendorFileDecoding(MappingProfileSet profiles, IEnumerable<IEcgDecoder> decoders, FormatSniffer sniff)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        ArgumentNullException.ThrowIfNull(decoders);
        ArgumentNullException.ThrowIfNull(sniff);
        _profiles = profiles;
        _decoders = decoders.ToDictionary(d => d.Format);
        _sniff = sniff;
    }

    /// <summary>Every vendor-file decoder of this build (EcgBridge.Formats) over a deployment's profiles.</summary>
    public static VendorFileDecoding Create(MappingProfileSet profiles) =>
        new(profiles, Formats.EcgFileDecoders.All, Formats.EcgFileSniffer.Sniff);

    /// <summary>The decoder hook the HL7 and FHIR decoders call for embedded files.</summary>
    public EmbeddedEcgDecoder Embedded => TryDecode;

    /// <summary>
    /// Decodes <paramref name="file"/> with the first allowed profile of its format. Allowed: the names in the container
    /// profile's <c>embeddedProfiles</c> option (comma separated), else every vendor-file profile.
    /// </summary>
    public bool TryDecode(EmbeddedEcgFile file, MappingProfile? container, IssueList issues, [NotNullWhen(true)] out EcgRecording? recording)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(issues);
        string? names = null;
        container?.Options.TryGetValue("embeddedProfiles", out names);
        return TryDecode(file, names, issues, out recording);
    }

    /// <summary>Decodes a file allowing the named profiles (comma separated; null or empty: every vendor-file profile).</summary>
    public bool TryDecode(EmbeddedEcgFile file, string? allowedProfiles, IssueList issues, [NotNullWhen(true)] out EcgRecording? recording)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(issues);
        recording = null;
        if (!TryAllowed(allowedProfiles, file.Location, issues, out List<MappingProfile> allowed))
        {
            return false;
        }

        MappingFormat? format = _sniff(file.Content.Span[..Math.Min(file.Content.Length, 64 * 1024)]);
        if (format is null)
        {
            issues.Error(VendorFileCodes.FormatUnknown, file.Location);
            return false;
        }

        MappingProfile? profile = allowed.Find(p => p.Format == format);
        if (profile is null || !_decoders.TryGetValue(format.Value, out IEcgDecoder? decoder))
        {
            issues.Error(VendorFileCodes.FormatNotAllowed, file.Location);
            return false;
        }

        return decoder.TryDecode(file.Content, profile, issues, out recording);
    }

    private bool TryAllowed(string? names, string location, IssueList issues, out List<MappingProfile> allowed)
    {
        allowed = [];
        if (string.IsNullOrWhiteSpace(names))
        {
            foreach (MappingProfile profile in _profiles.Profiles)
            {
                if (Array.IndexOf(FileFormats, profile.Format) >= 0)
                {
                    allowed.Add(profile);
                }
            }

            return true;
        }

        foreach (string name in names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            MappingProfile? profile = _profiles.Find(name);
            if (profile is null || Array.IndexOf(FileFormats, profile.Format) < 0)
            {
                issues.Error(VendorFileCodes.ProfileUnknown, location);
                return false;
            }

            allowed.Add(profile);
        }

        return true;
    }
}

using EcgBridge.Core;
using EcgBridge.Core.Issues;
using EcgBridge.Core.Mapping;
using EcgBridge.Hl7v2.Parsing;
using EcgBridge.Hl7v2.Waveforms;

namespace EcgBridge.Hl7v2.Files;

/// <summary>Reads an HL7 v2 file for the CLI: every message of a batch decoded through the mapping profiles.</summary>
public static class Hl7InputFile
{
    /// <summary>Decodes each message; false with issues when any message fails (issues are prefixed by message number when several).</summary>
    public static bool TryRead(string path, string? mappingProfile, IssueList issues, out IReadOnlyList<EcgRecording> recordings) =>
        TryRead(path, mappingProfile, embedded: null, issues, out recordings);

    /// <summary>Like the plain overload; vendor files in OBX ED go to <paramref name="embedded"/>.</summary>
    public static bool TryRead(string path, string? mappingProfile, EcgBridge.Core.Decoding.EmbeddedEcgDecoder? embedded, IssueList issues, out IReadOnlyList<EcgRecording> recordings)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(issues);
        recordings = [];
        MappingProfileSet profiles = MappingProfileFiles.Resolve(mappingProfile, issues, out string? explicitName);
        byte[] bytes = File.ReadAllBytes(path);
        IReadOnlyList<ReadOnlyMemory<byte>> messages = Hl7Batch.Split(bytes);
        if (messages.Count == 0)
        {
            messages = [bytes];
        }

        var decoded = new List<EcgRecording>(messages.Count);
        bool ok = true;
        for (int i = 0; i < messages.Count; i++)
        {
            var local = new IssueList();
            ok &= Hl7EcgDecoder.TryDecode(messages[i], profiles, explicitName, Hl7ReaderOptions.Default, embedded, local, out Hl7DecodeResult result);
            foreach (Issue issue in local)
            {
                issues.Add(messages.Count == 1 ? issue : issue with { Location = $"message {i + 1} {issue.Location}" });
            }

            if (result.Recording is not null)
            {
                decoded.Add(result.Recording);
            }
        }

        recordings = decoded;
        return ok && decoded.Count > 0;
    }
}

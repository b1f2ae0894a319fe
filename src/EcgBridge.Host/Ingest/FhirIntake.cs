using System.Diagnostics;
using EcgBridge.Core;
using EcgBridge.Core.Issues;
using EcgBridge.Core.Normalization;
using EcgBridge.Fhir;
using EcgBridge.Fhir.Decoding;

namespace EcgBridge.Host.Ingest;

/// <summary>FHIR: decode every ECG Observation of a body and normalize each (quality gate); all or nothing.</summary>
internal sealed class FhirIntake(EcgDecoding decoding)
{
    public bool TryDecode(ReadOnlySpan<byte> body, FhirFormat format, IssueList issues, out IReadOnlyList<DecodedEcg> decoded)
    {
        decoded = [];
        long started = Stopwatch.GetTimestamp();
        if (!FhirEcgDecoder.TryDecode(body, format, null, issues, out IReadOnlyList<FhirEcgInput> inputs))
        {
            return false;
        }

        double decodeMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds / Math.Max(1, inputs.Count);
        var results = new List<DecodedEcg>(inputs.Count);
        foreach (FhirEcgInput input in inputs)
        {
            started = Stopwatch.GetTimestamp();
            if (!EcgNormalizer.TryNormalize(input.Recording, decoding.Preprocessing, out EcgTensor? tensor, issues) || tensor is null)
            {
                continue;
            }

            double normalizeMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            string identity = input.IdentityKey ?? "anonymous";
            string key = $"fhir|{identity}|{input.WaveformSha256}";
            string? basis = input.FullUrl ?? (string.IsNullOrEmpty(input.Observation.Id) ? null : "Observation/" + input.Observation.Id);
            string? messageId = input.Observation.Id ?? input.Recording.Source.ObservationId;
            Hl7.Fhir.Model.Identifier? first = input.Observation.Identifier.FirstOrDefault(i => !string.IsNullOrEmpty(i.Value));
            (string, string)? basisIdentifier = first is null ? null : (first.System ?? "", first.Value!);
            results.Add(new DecodedEcg(input.Recording, tensor, key, input.Recording.Source.SendingApplication, messageId, basis, basisIdentifier, decodeMs, normalizeMs));
        }

        if (issues.HasErrors)
        {
            return false;
        }

        decoded = results;
        return results.Count > 0;
    }
}

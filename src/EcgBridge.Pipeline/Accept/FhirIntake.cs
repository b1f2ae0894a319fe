using System.Diagnostics;
using EcgBridge.Core;
using EcgBridge.Core.Issues;
using EcgBridge.Core.Normalization;
using EcgBridge.Fhir;
using EcgBridge.Fhir.Decoding;
using EcgBridge.Pipeline.Telemetry;

namespace EcgBridge.Pipeline.Accept;

/// <summary>FHIR: decode every ECG Observation of a body and normalize each (quality gate); all or nothing.</summary>
internal sealed class FhirIntake(EcgDecoding decoding)
{
    public bool TryDecode(ReadOnlySpan<byte> body, FhirFormat format, IssueList issues, out IReadOnlyList<DecodedEcg> decoded)
    {
        decoded = [];
        long started = Stopwatch.GetTimestamp();
        IReadOnlyList<FhirEcgInput> inputs;
        using (Activity? activity = PipelineTelemetry.Start(PipelineTelemetry.Decode, null))
        {
            activity?.SetTag(Core.Telemetry.TelemetryTags.Format, "fhir");
            if (!FhirEcgDecoder.TryDecode(body, format, decoding.Profiles, null, decoding.FhirOptions, decoding.Files?.Embedded, issues, out inputs))
            {
                PipelineTelemetry.MarkIssues(activity, issues);
                return false;
            }
        }

        PipelineMetrics.RecordFormatStep(PipelineTelemetry.Decode, "fhir", Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        double decodeMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds / Math.Max(1, inputs.Count);
        var results = new List<DecodedEcg>(inputs.Count);
        foreach (FhirEcgInput input in inputs)
        {
            if (!WithinLimits(input, issues))
            {
                continue;
            }

            started = Stopwatch.GetTimestamp();
            using Activity? normalize = PipelineTelemetry.Start(PipelineTelemetry.Normalize, null);
            if (!EcgNormalizer.TryNormalize(input.Recording, decoding.Preprocessing, out EcgTensor? tensor, issues) || tensor is null)
            {
                PipelineTelemetry.MarkIssues(normalize, issues);
                continue;
            }

            double normalizeMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            PipelineMetrics.RecordFormatStep(PipelineTelemetry.Normalize, "fhir", normalizeMs);
            string identity = input.IdentityKey ?? "anonymous";
            string key = $"fhir|{identity}|{input.WaveformSha256}";
            // basis must resolve: a client's transient urn:uuid:/urn:oid: fullUrl does not (nor does a bare id, since the
            // Observation is not stored here), so those become a reference by the Observation's identifier, or by ours.
            string? basis = input.FullUrl is { } url && (url.StartsWith("http://", StringComparison.Ordinal) || url.StartsWith("https://", StringComparison.Ordinal))
                ? url
                : null;
            string? messageId = input.Resource.Id ?? input.Recording.Source.ObservationId;
            Hl7.Fhir.Model.Identifier? first = input.Identifiers.FirstOrDefault(i => !string.IsNullOrEmpty(i.Value));
            (string, string)? basisIdentifier = first is null
                ? (Fhir.FhirSystems.EcgObservationIdentifier, Fhir.Outputs.FhirIds.Sha256Hex(key))
                : (first.System ?? "", first.Value!);
            results.Add(new DecodedEcg(input.Recording, tensor, key, input.Recording.Source.SendingApplication, messageId, basis, basisIdentifier, decodeMs, normalizeMs));
        }

        if (issues.HasErrors)
        {
            return false;
        }

        decoded = results;
        return results.Count > 0;
    }

    /// <summary>FHIR's id rule (64) and a 256-character bound on what is stored from identifiers and references.</summary>
    private static bool WithinLimits(FhirEcgInput input, IssueList issues)
    {
        const int IdLimit = 64;
        const int ValueLimit = 256;
        bool ok = true;
        void Check(string? value, int limit, string element)
        {
            if (value is not null && value.Length > limit)
            {
                issues.Error(FhirCodes.FieldTooLong, input.Location + "." + element);
                ok = false;
            }
        }

        Check(input.Resource.Id, IdLimit, "id");
        for (int i = 0; i < input.Identifiers.Count; i++)
        {
            Check(input.Identifiers[i].Value, ValueLimit, $"identifier[{i}].value");
            Check(input.Identifiers[i].System, ValueLimit, $"identifier[{i}].system");
        }

        Check(input.Recording.Source.PatientId, ValueLimit, "subject");
        Check(input.Recording.Source.EncounterId, ValueLimit, "encounter");
        Check(input.Recording.Source.SendingApplication, ValueLimit, "meta.source");
        Check(input.FullUrl, ValueLimit, "fullUrl");
        return ok;
    }
}

using System.Diagnostics;
using EcgBridge.Core;
using EcgBridge.Core.Issues;
using EcgBridge.Core.Normalization;
using EcgBridge.Pipeline.Telemetry;
using EcgBridge.Hl7v2.Acknowledgments;
using EcgBridge.Hl7v2.Parsing;
using EcgBridge.Hl7v2.Waveforms;

namespace EcgBridge.Pipeline.Accept;

/// <summary>HL7 v2: parse, decode the waveform through the mapping profiles, normalize (quality gate), build ACKs.</summary>
internal sealed class Hl7Intake(EcgDecoding decoding)
{
    /// <summary>
    /// Decodes and normalizes one message. <paramref name="header"/> is set whenever MSH could be read (so even a
    /// rejected message gets an ACK that names its control id).
    /// </summary>
    public bool TryDecode(ReadOnlyMemory<byte> bytes, IssueList issues, out Hl7MessageHeader? header, out DecodedEcg? decoded)
    {
        decoded = null;
        long started = Stopwatch.GetTimestamp();
        bool ok;
        Hl7DecodeResult result;
        using (Activity? activity = PipelineTelemetry.Start(PipelineTelemetry.Decode, null))
        {
            activity?.SetTag(Core.Telemetry.TelemetryTags.Format, "hl7v2");
            ok = Hl7EcgDecoder.TryDecode(bytes, decoding.Profiles, null, Hl7v2.Hl7ReaderOptions.Default, decoding.Files?.Embedded, issues, out result);
            if (!ok)
            {
                PipelineTelemetry.MarkIssues(activity, issues);
            }
        }

        header = result.Header is null ? null : Hl7FieldLimits.Bound(result.Header, issues);
        if (issues.Contains(Hl7v2.Hl7Codes.FieldTooLong) || (result.Recording is not null && !Hl7FieldLimits.CheckSource(result.Recording.Source, issues)))
        {
            ok = false;
        }

        double decodeMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        PipelineMetrics.RecordFormatStep(PipelineTelemetry.Decode, "hl7v2", decodeMs);
        if (!ok || result.Recording is not { } recording || header is null)
        {
            return false;
        }

        started = Stopwatch.GetTimestamp();
        EcgTensor? tensor;
        using (Activity? activity = PipelineTelemetry.Start(PipelineTelemetry.Normalize, null))
        {
            if (!EcgNormalizer.TryNormalize(recording, decoding.Preprocessing, out tensor, issues) || tensor is null)
            {
                PipelineTelemetry.MarkIssues(activity, issues);
                return false;
            }
        }

        double normalizeMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        PipelineMetrics.RecordFormatStep(PipelineTelemetry.Normalize, "hl7v2", normalizeMs);
        string app = header.SendingApplication ?? "";
        string facility = header.SendingFacility ?? "";
        string controlId = header.MessageControlId ?? "";
        string tensorHash = tensor.Sha256Hex();
        string key = $"hl7|{app}|{facility}|{controlId}|{tensorHash}";
        // The ECG has no FHIR id of its own: basis names it logically by sender and control id (no PHI in either).
        (string, string)? basis = controlId.Length > 0 ? ("urn:ecgbridge:hl7v2-message:" + app + "^" + facility, controlId) : null;
        decoded = new DecodedEcg(recording, tensor, key, app + "^" + facility, controlId, null, basis, decodeMs, normalizeMs);
        return true;
    }

    /// <summary>The ACK for a decoded or rejected message.</summary>
    public static byte[] Ack(Hl7MessageHeader? header, Hl7AckCode code, IReadOnlyList<Issue> issues) =>
        Hl7AckBuilder.Build(header, code, issues);

    /// <summary>AE or AR as the HL7 rules choose for these issues.</summary>
    public static Hl7AckCode RejectCode(Hl7MessageHeader? header, IReadOnlyList<Issue> issues)
    {
        Hl7AckCode code = Hl7AckBuilder.ChooseCode(header, issues);
        return code is Hl7AckCode.AA or Hl7AckCode.CA ? Hl7AckCode.AE : code;
    }
}

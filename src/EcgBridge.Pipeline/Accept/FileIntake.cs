using System.Diagnostics;
using System.Security.Cryptography;
using EcgBridge.Core;
using EcgBridge.Core.Decoding;
using EcgBridge.Core.Issues;
using EcgBridge.Core.Normalization;
using EcgBridge.Pipeline.Telemetry;

namespace EcgBridge.Pipeline.Accept;

/// <summary>
/// Vendor ECG files (watched folder, CLI): sniff among the allowed vendor-file profiles, decode, normalize (quality
/// gate). The dedupe key is the content's SHA-256, so the same file dropped twice is one ECG whatever its name.
/// </summary>
internal sealed class FileIntake(EcgDecoding decoding)
{
    public bool TryDecode(ReadOnlyMemory<byte> content, string? allowedProfiles, string location, IssueList issues, out DecodedEcg? decoded)
    {
        decoded = null;
        if (decoding.Files is null)
        {
            issues.Error(HostCodes.NoEcg, location);
            return false;
        }

        long started = Stopwatch.GetTimestamp();
        EcgRecording? recording;
        using (Activity? activity = PipelineTelemetry.Start(PipelineTelemetry.Decode, null))
        {
            activity?.SetTag(Core.Telemetry.TelemetryTags.Format, "file");
            if (!decoding.Files.TryDecode(new EmbeddedEcgFile(content, null, location), allowedProfiles, issues, out recording))
            {
                PipelineTelemetry.MarkIssues(activity, issues);
                return false;
            }
        }

        double decodeMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        PipelineMetrics.RecordFormatStep(PipelineTelemetry.Decode, "file", decodeMs);
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
        PipelineMetrics.RecordFormatStep(PipelineTelemetry.Normalize, "file", normalizeMs);
        string contentHash = Convert.ToHexStringLower(SHA256.HashData(content.Span));
        string key = "file|" + contentHash;
        // A file has no message id: the basis names it by its content hash, which is also what the audit row keeps.
        (string, string)? basis = ("urn:ecgbridge:ecg-file:sha256", contentHash);
        decoded = new DecodedEcg(recording, tensor, key, recording.Source.SendingApplication ?? "file", recording.Source.ObservationId, null, basis, decodeMs, normalizeMs);
        return true;
    }
}

using System.Diagnostics;
using System.Text.Json;
using EcgBridge.Core.Audit;
using EcgBridge.Core.Issues;
using EcgBridge.Core.Scoring;
using EcgBridge.Fhir.Outputs;
using EcgBridge.Fhir.Serialization;
using EcgBridge.Fhir;
using EcgBridge.Host.Delivery;
using EcgBridge.Host.Ingest;
using EcgBridge.Host.Telemetry;
using EcgBridge.Messaging.Contracts;
using EcgBridge.Messaging;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Options;

namespace EcgBridge.Host.Pipeline;

/// <summary>
/// The scoring step behind <see cref="ScoreEcgConsumer"/>: decode the accepted payload again, normalize, score, build
/// the RiskAssessment and record it with its outbox rows in one transaction (idempotent per dedupe key), then wake the
/// dispatcher and drop the spooled copy.
/// </summary>
internal sealed class ScoreEcgHandler(
    Hl7Intake hl7,
    FhirIntake fhir,
    EcgDecoding decoding,
    IEcgScorer scorer,
    IAuditStore store,
    PayloadSpool spool,
    OutboxSignal signal,
    IOptions<EhrOptions> ehr,
    ILogger<ScoreEcgHandler> logger) : IScoreEcgHandler
{
    public async Task<ScoreEcgOutcome> HandleAsync(ScoreEcg command, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        var issues = new IssueList();
        DecodedEcg? decoded = Decode(command, issues);
        AuditRecord record = new()
        {
            DedupeKey = command.DedupeKey,
            Channel = IngestService.ToAuditChannel(command.Channel),
            ReceivedAt = command.ReceivedAt,
            RawSha256 = IngestService.RawSha256(command.Payload),
            SourceSystem = decoded?.SourceSystem,
            MessageId = decoded?.MessageId,
            TensorSha256 = decoded?.Tensor.Sha256Hex(),
            PreprocessingVersion = decoding.Preprocessing.Version,
            DecodeMilliseconds = decoded?.DecodeMilliseconds,
            NormalizeMilliseconds = decoded?.NormalizeMilliseconds,
            PatientId = decoded?.Recording.Source.PatientId,
        };
        if (decoded is null)
        {
            // Acceptance decoded the same bytes, so this means the code or the mapping changed in between.
            var codes = new List<string>();
            foreach (Issue issue in issues)
            {
                if (issue.IsError && !codes.Contains(issue.Code))
                {
                    codes.Add(issue.Code);
                }
            }

            await store.RecordFailedAsync(record with { FinishedAt = DateTimeOffset.UtcNow, ErrorCodes = codes.Count > 0 ? codes : [HostCodes.ScoringFailed] }, cancellationToken).ConfigureAwait(false);
            PipelineTelemetry.Rejected(Activity.Current, command.Channel, "score", codes.Count > 0 ? codes[0] : HostCodes.ScoringFailed, codes);
            spool.Delete(command.DedupeKey);
            return ScoreEcgOutcome.Rejected(codes);
        }

        long scoreStarted = Stopwatch.GetTimestamp();
        Prediction prediction;
        using (Activity? activity = PipelineTelemetry.Start(PipelineTelemetry.Score, command.Channel))
        {
            prediction = await scorer.ScoreAsync(decoded.Tensor, cancellationToken).ConfigureAwait(false);
            activity?.SetTag(Core.Telemetry.TelemetryTags.ModelName, prediction.Model.Name);
            activity?.SetTag(Core.Telemetry.TelemetryTags.ModelVersion, prediction.Model.Version);
        }

        double scoreMs = Stopwatch.GetElapsedTime(scoreStarted).TotalMilliseconds;
        HostMetrics.RecordStep(PipelineTelemetry.Score, command.Channel, scoreMs);

        Device device = ModelDeviceBuilder.Build(prediction.Model);
        RiskAssessment assessment = RiskAssessmentBuilder.Build(new RiskAssessmentRequest
        {
            Prediction = prediction,
            Thresholds = decoding.Thresholds,
            DedupeKey = command.DedupeKey,
            Source = decoded.Recording.Source,
            AcquisitionTime = decoded.Recording.AcquisitionTime,
            BasisReference = decoded.BasisReference,
            BasisIdentifier = decoded.BasisIdentifier,
            DeviceReference = "Device/" + device.Id,
        });
        string json = FhirSerializer.ToJson(assessment);
        string assessmentId = assessment.Id ?? FhirIds.Sha256Hex(command.DedupeKey);
        DateTimeOffset now = DateTimeOffset.UtcNow;
        RiskLevel level = decoding.Thresholds.Classify(prediction.Probability);
        var assessed = new RiskAssessed
        {
            DedupeKey = command.DedupeKey,
            RiskAssessmentId = assessmentId,
            Probability = prediction.Probability,
            Risk = RiskThresholds.Code(level),
            ModelName = prediction.Model.Name,
            ModelVersion = prediction.Model.Version,
            AssessedAt = now,
        };
        var outbox = new List<OutboxItem>(2) { new(OutboxKinds.BusRiskAssessed, JsonSerializer.Serialize(assessed)) };
        if (ehr.Value.Configured)
        {
            outbox.Add(new OutboxItem(OutboxKinds.EhrRiskAssessment, json));
        }

        // Search key: the literal reference (Patient/123), else the logical identifier as system|value (searched
        // with subject:identifier=system|value).
        string? subject = assessment.Subject?.Reference
            ?? (assessment.Subject?.Identifier is { Value.Length: > 0 } identifier ? identifier.System + "|" + identifier.Value : null);
        DateTimeOffset? occurrence = decoded.Recording.AcquisitionTime;
        long recordStarted = Stopwatch.GetTimestamp();
        AuditRecord scored = record.WithPrediction(prediction) with
        {
            Risk = level,
            RiskAssessmentId = assessmentId,
            FinishedAt = now,
            ScoreMilliseconds = scoreMs,
            RecordMilliseconds = null,
        };
        RecordResult result;
        using (Activity? activity = PipelineTelemetry.Start(PipelineTelemetry.Record, command.Channel))
        {
            result = await store.RecordScoredAsync(scored, outbox, new RiskAssessmentDocument(assessmentId, subject, occurrence, json), decoded.Tensor, cancellationToken).ConfigureAwait(false);
            activity?.SetTag(Core.Telemetry.TelemetryTags.Outcome, result.AlreadyRecorded ? "already-recorded" : "scored");
        }

        double recordMs = Stopwatch.GetElapsedTime(recordStarted).TotalMilliseconds;
        HostMetrics.RecordStep(PipelineTelemetry.Record, command.Channel, recordMs);
        spool.Delete(command.DedupeKey);
        if (result.AlreadyRecorded)
        {
            return ScoreEcgOutcome.AlreadyRecorded;
        }

        signal.Notify();
        double totalMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        HostLog.Processed(logger, command.Channel, totalMs, decoded.DecodeMilliseconds, decoded.NormalizeMilliseconds, scoreMs + recordMs);
        return ScoreEcgOutcome.Scored;
    }

    private DecodedEcg? Decode(ScoreEcg command, IssueList issues)
    {
        if (command.ContentType == IngestContentTypes.Hl7v2)
        {
            return hl7.TryDecode(command.Payload, issues, out _, out DecodedEcg? decoded) ? decoded : null;
        }

        FhirFormat format = command.ContentType == IngestContentTypes.FhirXml ? FhirFormat.Xml : FhirFormat.Json;
        if (!fhir.TryDecode(command.Payload, format, issues, out IReadOnlyList<DecodedEcg> all))
        {
            return null;
        }

        foreach (DecodedEcg ecg in all)
        {
            if (ecg.DedupeKey == command.DedupeKey)
            {
                return ecg;
            }
        }

        issues.Error(HostCodes.NoEcg, "Bundle");
        return null;
    }
}

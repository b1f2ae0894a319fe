using System.Diagnostics;
using System.Text.Json;
using EcgBridge.Core;
using EcgBridge.Core.Audit;
using EcgBridge.Core.Scoring;
using EcgBridge.Fhir.Outputs;
using EcgBridge.Fhir.Serialization;
using EcgBridge.Pipeline.Accept;
using EcgBridge.Pipeline.Telemetry;
using EcgBridge.Core.Pipeline;
using Device = Hl7.Fhir.Model.Device;
using RiskAssessment = Hl7.Fhir.Model.RiskAssessment;

namespace EcgBridge.Pipeline.Score;

/// <summary>
/// The scoring step behind the bus consumer (<see cref="IScoreEcgHandler"/>): take the tensor made at acceptance (checked against its
/// hash; never decoded again), score, build the RiskAssessment and record it with its outbox rows in one transaction (idempotent per dedupe key), then wake the
/// dispatcher and drop the spooled copy.
/// </summary>
internal sealed class ScoreEcgHandler(
    EcgDecoding decoding,
    IEcgScorer scorer,
    IAuditLog store,
    PayloadSpool spool,
    OutboxSignal signal,
    ResultRouting routing,
    IShadowScorers shadows,
    ILogger<ScoreEcgHandler> logger) : IScoreEcgHandler
{
    public async Task<ScoreEcgOutcome> HandleAsync(ScoreEcg command, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        AuditRecord record = new()
        {
            DedupeKey = command.DedupeKey,
            Channel = IngestService.ToAuditChannel(command.Channel),
            ReceivedAt = command.ReceivedAt,
            RawSha256 = command.RawSha256,
            SourceSystem = command.SourceSystem,
            MessageId = command.MessageId,
            TensorSha256 = command.TensorSha256,
            PreprocessingVersion = command.PreprocessingVersion,
            DecodeMilliseconds = command.DecodeMilliseconds,
            NormalizeMilliseconds = command.NormalizeMilliseconds,
            PatientId = command.Source.PatientId,
        };

        // The tensor was made and hashed at acceptance; a copy that does not hash to it was damaged on the way.
        if (!EcgTensorCodec.TryDecode(command.Tensor, out EcgTensor? tensor) || tensor is null || tensor.Sha256Hex() != command.TensorSha256)
        {
            string[] codes = [HostCodes.TensorCorrupt];
            await store.RecordFailedAsync(record with { FinishedAt = DateTimeOffset.UtcNow, ErrorCodes = codes }, cancellationToken).ConfigureAwait(false);
            PipelineTelemetry.Rejected(Activity.Current, command.Channel, "score", HostCodes.TensorCorrupt, codes);
            spool.Delete(command.DedupeKey);
            return ScoreEcgOutcome.Rejected(codes);
        }

        long scoreStarted = Stopwatch.GetTimestamp();
        Prediction prediction;
        using (Activity? activity = PipelineTelemetry.Start(PipelineTelemetry.Score, command.Channel))
        {
            prediction = await scorer.ScoreAsync(tensor, cancellationToken).ConfigureAwait(false);
            activity?.SetTag(Core.Telemetry.TelemetryTags.ModelName, prediction.Model.Name);
            activity?.SetTag(Core.Telemetry.TelemetryTags.ModelVersion, prediction.Model.Version);
        }

        double scoreMs = Stopwatch.GetElapsedTime(scoreStarted).TotalMilliseconds;
        PipelineMetrics.RecordStep(PipelineTelemetry.Score, command.Channel, scoreMs);

        Device device = ModelDeviceBuilder.Build(prediction.Model);
        RiskAssessment assessment = RiskAssessmentBuilder.Build(new RiskAssessmentRequest
        {
            Prediction = prediction,
            Thresholds = decoding.Thresholds,
            DedupeKey = command.DedupeKey,
            Source = command.Source,
            AcquisitionTime = command.AcquisitionTime,
            BasisReference = command.BasisReference,
            BasisIdentifier = command.BasisIdentifierValue is { } basisValue ? (command.BasisIdentifierSystem ?? "", basisValue) : null,
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
        if (routing.DeliverToEhr)
        {
            // The EHR gets the result with its Device and Provenance in one transaction of conditional creates.
            outbox.Add(new OutboxItem(OutboxKinds.EhrRiskAssessment, FhirSerializer.ToJson(EhrTransactionBuilder.Build(assessment, device, now))));
        }

        if (!prediction.Model.Shadow)
        {
            foreach (Hl7ResultRoute route in routing.Hl7Destinations)
            {
                outbox.Add(OruOutboxItem(route, command, prediction, level, now));
            }
        }

        if (command.ResultFolder is { Length: > 0 } folder)
        {
            outbox.Add(new OutboxItem(OutboxKinds.FolderRiskAssessment, JsonSerializer.Serialize(new FolderResult(folder, "RiskAssessment-" + assessmentId + ".json", json))));
        }

        // Search key: the literal reference (Patient/123), else the logical identifier as system|value (searched
        // with subject:identifier=system|value; outcome feedback is checked against it).
        string? subject = Fhir.Feedback.OutcomeFeedbackReader.SubjectKey(assessment.Subject);
        DateTimeOffset? occurrence = command.AcquisitionTime;
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
            result = await store.RecordScoredAsync(scored, outbox, new RiskAssessmentDocument(assessmentId, subject, occurrence, json, OrderId: command.Source.OrderId), tensor, cancellationToken).ConfigureAwait(false);
            activity?.SetTag(Core.Telemetry.TelemetryTags.Outcome, result.AlreadyRecorded ? "already-recorded" : "scored");
        }

        double recordMs = Stopwatch.GetElapsedTime(recordStarted).TotalMilliseconds;
        PipelineMetrics.RecordStep(PipelineTelemetry.Record, command.Channel, recordMs);
        spool.Delete(command.DedupeKey);
        if (result.AlreadyRecorded)
        {
            return ScoreEcgOutcome.AlreadyRecorded;
        }

        signal.Notify();
        double totalMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        PipelineLog.Processed(logger, command.Channel, totalMs, command.DecodeMilliseconds, command.NormalizeMilliseconds, scoreMs + recordMs);

        // Shadow models run after the primary's result is recorded and its deliveries woken: they cost CPU, not the
        // primary's latency. Their scores are audit rows in the same chain, never results.
        if (shadows.Samples(command.TensorSha256))
        {
            foreach (IEcgScorer shadow in shadows.Scorers)
            {
                try
                {
                    await ScoreShadowAsync(shadow, tensor, record, level, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A candidate's failure must never touch the primary's result (already recorded and delivered):
                    // logged with its type, no retry; models compare simply has one pair fewer.
                    PipelineLog.ShadowFailed(logger, shadow.Model.Name, command.Channel, ex.GetType().Name);
                }
            }
        }

        return ScoreEcgOutcome.Scored;
    }

    private async Task ScoreShadowAsync(IEcgScorer shadow, EcgTensor tensor, AuditRecord record, RiskLevel primaryLevel, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        Prediction prediction = await shadow.ScoreAsync(tensor, cancellationToken).ConfigureAwait(false);
        double scoreMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        // The shadow's qualitative risk by its own manifest's thresholds (Prediction.Risk), as it would report it.
        await store.RecordShadowAsync(record.WithPrediction(prediction) with { FinishedAt = DateTimeOffset.UtcNow, ScoreMilliseconds = scoreMs }, cancellationToken).ConfigureAwait(false);
        PipelineMetrics.RecordShadow(prediction.Model.Name, prediction.Risk == primaryLevel);
    }

    /// <summary>
    /// The ORU^R01 for one destination. MSH-10 derives from the dedupe key and the destination, so every retry and a
    /// resend after a restart carry the same control id (the destination can drop a repeat), and the ACK is matched to it.
    /// </summary>
    private static OutboxItem OruOutboxItem(Hl7ResultRoute route, ScoreEcg command, Prediction prediction, RiskLevel level, DateTimeOffset now)
    {
        string controlId = "EB" + FhirIds.Sha256Hex(command.DedupeKey + "|" + route.Name)[..18];
        string code = RiskThresholds.Code(level);
        byte[] message = Hl7v2.Writing.OruResultWriter.Write(new Hl7v2.Writing.OruResult
        {
            ControlId = controlId,
            Timestamp = now,
            SendingFacility = route.SendingFacility,
            ReceivingApplication = route.ReceivingApplication ?? route.Name,
            ReceivingFacility = route.ReceivingFacility,
            PatientId = command.Source.PatientId,
            PatientIdSystem = command.Source.PatientIdSystem,
            EncounterId = command.Source.EncounterId,
            PlacerOrderNumber = command.Source.OrderId,
            AcquisitionTime = command.AcquisitionTime,
            Probability = prediction.Probability,
            RiskCode = code,
            RiskDisplay = char.ToUpperInvariant(code[0]) + code[1..],
            ModelName = prediction.Model.Name,
            ModelVersion = prediction.Model.Version,
            ModelSha256 = prediction.Model.Sha256,
            IntendedUse = prediction.Model.IntendedUse,
            Final = !prediction.Model.Shadow,
        });
        return new OutboxItem(OutboxKinds.Hl7Oru, JsonSerializer.Serialize(new Hl7OruDelivery(route.Name, controlId, System.Text.Encoding.UTF8.GetString(message))));
    }
}

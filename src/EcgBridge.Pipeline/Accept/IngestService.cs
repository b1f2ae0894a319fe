using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EcgBridge.Core.Audit;
using EcgBridge.Core.Issues;
using EcgBridge.Core.Telemetry;
using EcgBridge.Fhir;
using EcgBridge.Fhir.Outputs;
using EcgBridge.Fhir.Serialization;
using EcgBridge.Pipeline.Answers;
using EcgBridge.Pipeline.Telemetry;
using EcgBridge.Hl7v2.Acknowledgments;
using EcgBridge.Hl7v2.Parsing;
using EcgBridge.Core.Pipeline;

namespace EcgBridge.Pipeline.Accept;

/// <summary>
/// The acceptance rule, the same for MLLP, FHIR REST and AMQP: decode + normalize + quality gate at once; a failure is
/// answered AE/AR or an OperationOutcome with codes and recorded (audit + inbox, so a resend gets the same answer).
/// Otherwise the ScoreEcg command is spooled (embedded mode), the inbox row committed and the command confirmed by the
/// bus — only then AA / 201. A duplicate gets the first answer and is not processed again. An infrastructure failure is
/// never answered AA: the sender gets AE / 503 and resends.
/// </summary>
internal sealed class IngestService : IMllpMessageHandler
{
    private const string Hl7ContentType = IngestContentTypes.Hl7v2;
    private readonly Hl7Intake _hl7;
    private readonly FhirIntake _fhir;
    private readonly FileIntake _files;
    private readonly IInbox _store;
    private readonly IScoreEcgSender _sender;
    private readonly IEcgEventPublisher _events;
    private readonly PayloadSpool _spool;
    private readonly ILogger<IngestService> _logger;
    private readonly Feedback.OutcomeFeedbackService? _feedback;

    public IngestService(Hl7Intake hl7, FhirIntake fhir, FileIntake files, IInbox store, IScoreEcgSender sender, IEcgEventPublisher events, PayloadSpool spool, ILogger<IngestService> logger, Feedback.OutcomeFeedbackService? feedback = null)
    {
        _feedback = feedback;
        _hl7 = hl7;
        _fhir = fhir;
        _files = files;
        _store = store;
        _sender = sender;
        _events = events;
        _spool = spool;
        _logger = logger;
    }

    /// <inheritdoc />
    public async ValueTask<byte[]> HandleAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        using Activity? activity = PipelineTelemetry.Start(PipelineTelemetry.MllpReceive, IngestChannels.Mllp, ActivityKind.Server);
        return await AcceptHl7Async(message, IngestChannels.Mllp, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Accepts one HL7 v2 message and returns its ACK bytes (without MLLP framing).</summary>
    public async Task<byte[]> AcceptHl7Async(ReadOnlyMemory<byte> message, string channel, CancellationToken cancellationToken) =>
        (await AcceptHl7WithStatusAsync(message, channel, cancellationToken).ConfigureAwait(false)).Ack;

    /// <summary>
    /// Accepts one HL7 v2 message; <c>Unavailable</c> is true when the answer is the AE HOST-UNAVAILABLE of an
    /// infrastructure failure (nothing recorded), so a queue consumer can requeue instead of answering.
    /// </summary>
    public async Task<(byte[] Ack, bool Unavailable)> AcceptHl7WithStatusAsync(ReadOnlyMemory<byte> message, string channel, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        DateTimeOffset receivedAt = DateTimeOffset.UtcNow;
        var issues = new IssueList();
        Hl7MessageHeader? header = null;
        using Activity? activity = PipelineTelemetry.Start(PipelineTelemetry.IngestHl7, channel);
        PipelineTelemetry.Received(channel);
        try
        {
            if (!_hl7.TryDecode(message, issues, out header, out DecodedEcg? decoded) || decoded is null)
            {
                // Not an ECG. An ORU without waveform whose OBX-3 is an occlusion-MI code is a result for an ECG's
                // order: outcome feedback (looked for only here, so ECGs pay nothing for it).
                if (_feedback is not null && _feedback.TryReadHl7(message, out Feedback.Hl7FeedbackRead? feedbackRead))
                {
                    activity?.SetTag(TelemetryTags.MessageControlId, feedbackRead!.Header.MessageControlId);
                    return (await _feedback.AcceptHl7Async(message, feedbackRead!, ToAuditChannel(channel), cancellationToken).ConfigureAwait(false), false);
                }

                Hl7AckCode code = Hl7Intake.RejectCode(header, issues);
                byte[] ack = Hl7Intake.Ack(header, code, issues);
                activity?.SetTag(TelemetryTags.MessageControlId, header?.MessageControlId);
                activity?.SetTag(TelemetryTags.AckCode, code.ToString());
                string key = RejectedKey(channel, message.Span);
                var answer = new StoredAnswer(code.ToString(), Hl7ContentType, ack);
                AuditRecord record = RejectedRecord(key, channel, receivedAt, message.Span, issues, header?.SendingApplication + "^" + header?.SendingFacility, header?.MessageControlId);
                AcceptResult rejected = await _store.RecordRejectedAsync(record, answer, cancellationToken).ConfigureAwait(false);
                await PublishRejectedAsync(key, channel, issues, cancellationToken).ConfigureAwait(false);
                string codes = issues.CodesText();
                PipelineLog.Rejected(_logger, channel, codes);
                PipelineTelemetry.Rejected(activity, channel, "accept", issues);
                PipelineMetrics.RecordStep("accept", channel, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                return (rejected.Answer?.Body ?? ack, false);
            }

            byte[] accepted = Hl7Intake.Ack(header, Hl7AckCode.AA, WarningsOf(issues));
            ScoreEcg command = Command(decoded, channel, receivedAt, Hl7ContentType, message);
            activity?.SetTag(TelemetryTags.MessageControlId, header?.MessageControlId);
            var acceptedAnswer = new StoredAnswer("AA", Hl7ContentType, accepted);
            StoredAnswer first = (await AcceptDecodedAsync(decoded, command, acceptedAnswer, cancellationToken).ConfigureAwait(false)).Answer ?? acceptedAnswer;
            activity?.SetTag(TelemetryTags.AckCode, first.Code);
            double elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            PipelineLog.Accepted(_logger, channel, elapsedMs);
            PipelineMetrics.RecordStep("accept", channel, elapsedMs);
            return (first.Body, false);
        }
        catch (Exception ex) when (IsInfrastructure(ex, cancellationToken))
        {
            PipelineLog.AcceptFailed(_logger, channel, ex.GetType().Name);
            PipelineTelemetry.Failed(activity, channel, ex);
            activity?.SetTag(TelemetryTags.AckCode, nameof(Hl7AckCode.AE));
            var unavailable = new IssueList();
            unavailable.Error(HostCodes.Unavailable, "MSH");
            return (Hl7Intake.Ack(header, Hl7AckCode.AE, unavailable), true);
        }
    }

    /// <summary>Accepts a FHIR Observation (or, with <paramref name="bundle"/>, a transaction/batch/collection Bundle).</summary>
    public Task<FhirIngestAnswer> AcceptFhirAsync(byte[] body, bool xml, bool bundle, CancellationToken cancellationToken) =>
        AcceptFhirAsync(body, xml, bundle, IngestChannels.FhirRest, cancellationToken);

    /// <summary>Accepts FHIR arriving on <paramref name="channel"/> (REST or AMQP); 503 means nothing was recorded.</summary>
    public async Task<FhirIngestAnswer> AcceptFhirAsync(byte[] body, bool xml, bool bundle, string channel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        long started = Stopwatch.GetTimestamp();
        DateTimeOffset receivedAt = DateTimeOffset.UtcNow;
        var issues = new IssueList();
        using Activity? activity = PipelineTelemetry.Start(PipelineTelemetry.IngestFhir, channel);
        PipelineTelemetry.Received(channel);
        try
        {
            FhirFormat format = xml ? FhirFormat.Xml : FhirFormat.Json;
            if (!_fhir.TryDecode(body, format, issues, out IReadOnlyList<DecodedEcg> decoded))
            {
                if (!issues.HasErrors)
                {
                    issues.Error(HostCodes.NoEcg, bundle ? "Bundle" : "Observation");
                }

                byte[] outcome = Encoding.UTF8.GetBytes(FhirSerializer.ToJson(OperationOutcomeBuilder.From(issues)));
                string key = RejectedKey(channel, body);
                var answer = new StoredAnswer("422", OperationOutcomeJson.ContentType, outcome);
                AcceptResult rejected = await _store.RecordRejectedAsync(RejectedRecord(key, channel, receivedAt, body, issues, null, null), answer, cancellationToken).ConfigureAwait(false);
                await PublishRejectedAsync(key, channel, issues, cancellationToken).ConfigureAwait(false);
                string codes = issues.CodesText();
                PipelineLog.Rejected(_logger, channel, codes);
                PipelineTelemetry.Rejected(activity, channel, "accept", issues);
                PipelineMetrics.RecordStep("accept", channel, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                StoredAnswer given = rejected.Answer ?? answer;
                return new FhirIngestAnswer(int.Parse(given.Code, System.Globalization.CultureInfo.InvariantCulture), given.ContentType, given.Body, null);
            }

            string contentType = xml ? IngestContentTypes.FhirXml : IngestContentTypes.FhirJson;

            // Each ECG keeps its own answer (a single create's), so a later copy is answered in the shape of the request
            // that brings it then: alone, or as one entry of a batch or transaction.
            var created = new List<(DecodedEcg Ecg, bool Duplicate)>(decoded.Count);
            foreach (DecodedEcg ecg in decoded)
            {
                ScoreEcg command = Command(ecg, channel, receivedAt, contentType, body);
                AcceptResult result = await AcceptDecodedAsync(ecg, command, SingleAnswer(ecg), cancellationToken).ConfigureAwait(false);
                created.Add((ecg, result.IsDuplicate));
            }

            StoredAnswer answerToGive = bundle
                ? BundleAnswer(created, FhirBundleType.Read(body, xml) == "batch" ? "batch-response" : "transaction-response")
                : SingleAnswer(decoded[0], created[0].Duplicate);
            double acceptedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            PipelineLog.Accepted(_logger, channel, acceptedMs);
            PipelineMetrics.RecordStep("accept", channel, acceptedMs);
            string? location = decoded.Count == 1 && !bundle ? "RiskAssessment/" + FhirIds.Sha256Hex(decoded[0].DedupeKey) : null;
            return new FhirIngestAnswer(int.Parse(answerToGive.Code, System.Globalization.CultureInfo.InvariantCulture), answerToGive.ContentType, answerToGive.Body, location);
        }
        catch (Exception ex) when (IsInfrastructure(ex, cancellationToken))
        {
            PipelineLog.AcceptFailed(_logger, channel, ex.GetType().Name);
            PipelineTelemetry.Failed(activity, channel, ex);
            return new FhirIngestAnswer(503, OperationOutcomeJson.ContentType, OperationOutcomeJson.Create("error", "transient", HostCodes.Unavailable, null), null);
        }
    }

    /// <summary>
    /// Accepts one vendor ECG file (a watched folder, <paramref name="channel"/> <see cref="IngestChannels.Folder"/>):
    /// rejected files get an audit row with codes; accepted ones an inbox row and a ScoreEcg command, whose result is
    /// also written to <paramref name="resultFolder"/> when one is configured.
    /// </summary>
    public async Task<FileIngestAnswer> AcceptFileAsync(
        ReadOnlyMemory<byte> content, string? allowedProfiles, string location, string channel, string? resultFolder, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        DateTimeOffset receivedAt = DateTimeOffset.UtcNow;
        var issues = new IssueList();
        using Activity? activity = PipelineTelemetry.Start(PipelineTelemetry.IngestFile, channel);
        PipelineTelemetry.Received(channel);
        try
        {
            if (!_files.TryDecode(content, allowedProfiles, location, issues, out DecodedEcg? decoded) || decoded is null)
            {
                var codes = new List<string>();
                foreach (Issue issue in issues)
                {
                    if (issue.IsError)
                    {
                        codes.Add(issue.Code + " " + issue.Location);
                    }
                }

                string key = RejectedKey(channel, content.Span);
                var answer = new StoredAnswer("rejected", "text/plain", System.Text.Encoding.UTF8.GetBytes(string.Join('\n', codes)));
                await _store.RecordRejectedAsync(RejectedRecord(key, channel, receivedAt, content.Span, issues, null, null), answer, cancellationToken).ConfigureAwait(false);
                await PublishRejectedAsync(key, channel, issues, cancellationToken).ConfigureAwait(false);
                PipelineLog.Rejected(_logger, channel, issues.CodesText());
                PipelineTelemetry.Rejected(activity, channel, "accept", issues);
                PipelineMetrics.RecordStep("accept", channel, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                // A resent rejected file is rejected again (same row): it goes back to error/, not done/.
                return new FileIngestAnswer(FileIngestOutcome.Rejected, codes);
            }

            ScoreEcg command = Command(decoded, channel, receivedAt, IngestContentTypes.VendorFile, content) with { ResultFolder = resultFolder };
            var accepted = new StoredAnswer("accepted", "text/plain", []);
            AcceptResult result = await AcceptDecodedAsync(decoded, command, accepted, cancellationToken).ConfigureAwait(false);
            double elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            PipelineLog.Accepted(_logger, channel, elapsedMs);
            PipelineMetrics.RecordStep("accept", channel, elapsedMs);
            return new FileIngestAnswer(result.IsDuplicate ? FileIngestOutcome.Duplicate : FileIngestOutcome.Accepted, []);
        }
        catch (Exception ex) when (IsInfrastructure(ex, cancellationToken))
        {
            PipelineLog.AcceptFailed(_logger, channel, ex.GetType().Name);
            PipelineTelemetry.Failed(activity, channel, ex);
            return new FileIngestAnswer(FileIngestOutcome.Unavailable, [HostCodes.Unavailable]);
        }
    }

    /// <summary>
    /// Records a file too large to read (its hash computed by streaming) as rejected with <paramref name="code"/>: an
    /// audit row, and the same answer if the same file comes again.
    /// </summary>
    public async Task<FileIngestAnswer> RecordOversizeFileAsync(string contentSha256, string code, string location, string channel, CancellationToken cancellationToken)
    {
        var issues = new IssueList();
        issues.Error(code, location);
        string key = "rejected|" + channel + "|" + contentSha256;
        string[] codes = [code + " " + location];
        try
        {
            await _store.RecordRejectedAsync(
                RejectedRecord(key, channel, DateTimeOffset.UtcNow, contentSha256, issues, null, null),
                new StoredAnswer("rejected", "text/plain", System.Text.Encoding.UTF8.GetBytes(codes[0])),
                cancellationToken).ConfigureAwait(false);
            await PublishRejectedAsync(key, channel, issues, cancellationToken).ConfigureAwait(false);
            PipelineLog.Rejected(_logger, channel, code);
            return new FileIngestAnswer(FileIngestOutcome.Rejected, codes);
        }
        catch (Exception ex) when (IsInfrastructure(ex, cancellationToken))
        {
            PipelineLog.AcceptFailed(_logger, channel, ex.GetType().Name);
            return new FileIngestAnswer(FileIngestOutcome.Unavailable, [HostCodes.Unavailable]);
        }
    }

    private async Task<AcceptResult> AcceptDecodedAsync(DecodedEcg decoded, ScoreEcg command, StoredAnswer answer, CancellationToken cancellationToken)
    {
        AuditRecord record = new()
        {
            DedupeKey = decoded.DedupeKey,
            Channel = ToAuditChannel(command.Channel),
            ReceivedAt = command.ReceivedAt,
            SourceSystem = decoded.SourceSystem,
            MessageId = decoded.MessageId,
            RawSha256 = command.RawSha256,
            TensorSha256 = command.TensorSha256,
            PreprocessingVersion = Core.Normalization.PreprocessingOptions.CurrentVersion,
            DecodeMilliseconds = decoded.DecodeMilliseconds,
            NormalizeMilliseconds = decoded.NormalizeMilliseconds,
            PatientId = decoded.Recording.Source.PatientId,
        };
        return await AcceptCommandAsync(record, command, answer, cancellationToken).ConfigureAwait(false);
    }

    private async Task<AcceptResult> AcceptCommandAsync(AuditRecord record, ScoreEcg command, StoredAnswer answer, CancellationToken cancellationToken)
    {
        // Spool first: once the inbox row commits, a crash before the bus confirmed must still lead to scoring.
        await _spool.SaveAsync(command, cancellationToken).ConfigureAwait(false);
        AcceptResult result = await _store.AcceptAsync(record, answer, cancellationToken).ConfigureAwait(false);
        if (!result.IsDuplicate)
        {
            await _sender.SendAsync(command, cancellationToken).ConfigureAwait(false);
            PipelineTelemetry.Accepted(Activity.Current, command.Channel);
            return result with { Answer = answer };
        }

        PipelineLog.Duplicate(_logger, command.Channel);
        PipelineTelemetry.Duplicate(command.Channel);
        if (result.State == InboxState.Accepted)
        {
            // The first copy's publish may never have been confirmed (its sender then got AE): make sure it is queued
            // before repeating AA. The consumer is idempotent, so at worst the model runs twice, the record once.
            await _sender.SendAsync(command, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            _spool.Delete(command.DedupeKey);
        }

        return result.Answer is null ? result with { Answer = answer } : result;
    }

    // 201 for a new ECG; 200 for one already accepted (FHIR's answer to a create that matched an existing resource).
    private static StoredAnswer SingleAnswer(DecodedEcg decoded, bool duplicate = false)
    {
        string id = FhirIds.Sha256Hex(decoded.DedupeKey);
        byte[] body = OperationOutcomeJson.Create(
            [new OutcomeIssue("information", "informational", "HOST-ACCEPTED", "Observation")],
            (duplicate ? "already accepted; the result is RiskAssessment/" : "accepted; the result will be RiskAssessment/") + id);
        return new StoredAnswer(duplicate ? "200" : "201", OperationOutcomeJson.ContentType, body);
    }

    // One response entry per ECG entry, each with its own status, typed after the request (batch or transaction).
    private static StoredAnswer BundleAnswer(IReadOnlyList<(DecodedEcg Ecg, bool Duplicate)> entries, string type)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("resourceType", "Bundle");
            writer.WriteString("type", type);
            writer.WriteStartArray("entry");
            foreach ((DecodedEcg ecg, bool duplicate) in entries)
            {
                writer.WriteStartObject();
                writer.WriteStartObject("response");
                // Accepted, not scored yet: the location is the status endpoint (202 until scored, then 200 with the
                // RiskAssessment), so it resolves at once — never a RiskAssessment URL that 404s for a while.
                writer.WriteString("status", duplicate ? "200 OK" : "202 Accepted");
                writer.WriteString("location", "_status/" + FhirIds.Sha256Hex(ecg.DedupeKey));
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return new StoredAnswer("200", "application/fhir+json; charset=utf-8", buffer.ToArray());
    }

    private static ScoreEcg Command(DecodedEcg decoded, string channel, DateTimeOffset receivedAt, string contentType, ReadOnlyMemory<byte> raw) => new()
    {
        DedupeKey = decoded.DedupeKey,
        Channel = channel,
        ReceivedAt = receivedAt,
        ContentType = contentType,
        Tensor = Core.EcgTensorCodec.Encode(decoded.Tensor),
        TensorSha256 = decoded.TensorSha256,
        RawSha256 = RawSha256(raw.Span),
        PreprocessingVersion = Core.Normalization.PreprocessingOptions.CurrentVersion,
        Source = decoded.Recording.Source,
        AcquisitionTime = decoded.Recording.AcquisitionTime,
        SourceSystem = decoded.SourceSystem,
        MessageId = decoded.MessageId,
        BasisReference = decoded.BasisReference,
        BasisIdentifierSystem = decoded.BasisIdentifier?.System,
        BasisIdentifierValue = decoded.BasisIdentifier?.Value,
        DecodeMilliseconds = decoded.DecodeMilliseconds,
        NormalizeMilliseconds = decoded.NormalizeMilliseconds,
    };

    private static AuditRecord RejectedRecord(string key, string channel, DateTimeOffset receivedAt, ReadOnlySpan<byte> raw, IssueList issues, string? sourceSystem, string? messageId) =>
        RejectedRecord(key, channel, receivedAt, RawSha256(raw), issues, sourceSystem, messageId);

    private static AuditRecord RejectedRecord(string key, string channel, DateTimeOffset receivedAt, string rawSha256, IssueList issues, string? sourceSystem, string? messageId)
    {
        var codes = new List<string>(issues.Count);
        foreach (Issue issue in issues)
        {
            if (issue.IsError)
            {
                codes.Add(issue.Code + " " + issue.Location);
            }
        }

        return new AuditRecord
        {
            DedupeKey = key,
            Channel = ToAuditChannel(channel),
            ReceivedAt = receivedAt,
            FinishedAt = DateTimeOffset.UtcNow,
            SourceSystem = sourceSystem,
            MessageId = messageId,
            RawSha256 = rawSha256,
            ErrorCodes = codes,
        };
    }

    private async Task PublishRejectedAsync(string key, string channel, IssueList issues, CancellationToken cancellationToken)
    {
        var codes = new List<string>();
        foreach (Issue issue in issues)
        {
            if (issue.IsError && !codes.Contains(issue.Code))
            {
                codes.Add(issue.Code);
            }
        }

        try
        {
            await _events.PublishRejectedAsync(new EcgRejected { MessageKey = key, Channel = channel, Codes = codes, RejectedAt = DateTimeOffset.UtcNow }, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The rejection is recorded in the audit; the event is informational and must not turn the answer into an error.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            PipelineLog.AcceptFailed(_logger, channel, ex.GetType().Name);
        }
    }

    private static List<Issue> WarningsOf(IssueList issues)
    {
        var warnings = new List<Issue>();
        foreach (Issue issue in issues)
        {
            if (!issue.IsError)
            {
                warnings.Add(issue);
            }
        }

        return warnings;
    }

    internal static AuditChannel ToAuditChannel(string channel) => channel switch
    {
        IngestChannels.Mllp => AuditChannel.Mllp,
        IngestChannels.Amqp => AuditChannel.Amqp,
        IngestChannels.Folder => AuditChannel.Folder,
        _ => AuditChannel.Fhir,
    };

    /// <summary>
    /// The dedupe key of a rejected payload: channel and content hash, so the same bytes rejected on two channels are
    /// two rows, and each channel's resend gets its own channel's answer (never an ACK to a FHIR client or the reverse).
    /// </summary>
    internal static string RejectedKey(string channel, ReadOnlySpan<byte> raw) => "rejected|" + channel + "|" + RawSha256(raw);

    internal static string RawSha256(ReadOnlySpan<byte> raw) => Convert.ToHexStringLower(SHA256.HashData(raw));

    private static bool IsInfrastructure(Exception ex, CancellationToken cancellationToken) =>
        !(ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
        && ex is not ArgumentException and not NullReferenceException and not InvalidCastException;
}

using System.Security.Cryptography;
using EcgBridge.Core.Audit;
using EcgBridge.Core.Feedback;
using EcgBridge.Core.Issues;
using EcgBridge.Fhir;
using EcgBridge.Fhir.Decoding;
using EcgBridge.Fhir.Feedback;
using EcgBridge.Pipeline.Answers;
using Hl7.Fhir.Model;

namespace EcgBridge.Pipeline.Feedback;

/// <summary>An answer to a feedback request: status and an OperationOutcome (JSON).</summary>
public sealed record FeedbackAnswer(int Status, byte[] Body)
{
    /// <summary>The content type of <see cref="Body"/>.</summary>
    public static string ContentType => OperationOutcomeJson.ContentType;
}

/// <summary>
/// Takes outcome feedback (FHIR Condition / Observation, CDS Hooks feedback), matches it to its RiskAssessment and records
/// it with an audit row, or refuses it with a FEEDBACK- code and a <c>rejected</c> audit row. Logs codes and ids only.
/// </summary>
public sealed partial class OutcomeFeedbackService(IOutcomeFeedbackStore store, FeedbackOptions options, TimeProvider time, ILogger<OutcomeFeedbackService> logger)
{
    private readonly HashSet<string> _omiCodes = new(options.OmiCodes.Count > 0 ? options.OmiCodes : OutcomeFeedbackReader.DefaultOmiCodes, StringComparer.Ordinal);

    /// <summary>
    /// True when a FHIR Observation body is outcome feedback rather than an ECG: it names a RiskAssessment and carries no
    /// waveform. Bodies that never mention a RiskAssessment are not parsed here.
    /// </summary>
    public static bool IsFeedbackObservation(ReadOnlySpan<byte> body, bool xml, out Resource? resource)
    {
        resource = null;
        // RiskAssessment/{id}, or our identifier system urn:ecgbridge:riskassessment.
        if (body.IndexOf("RiskAssessment"u8) < 0 && body.IndexOf("riskassessment"u8) < 0)
        {
            return false;
        }

        var issues = new IssueList();
        return FhirBodyReader.TryRead(body, xml ? FhirFormat.Xml : FhirFormat.Json, FhirDecoderOptions.Default, issues, out resource)
            && resource is Observation observation
            && OutcomeFeedbackReader.IsFeedback(observation);
    }

    /// <summary>A FHIR Condition or Observation (parsed already when <paramref name="parsed"/> is given).</summary>
    public async Task<FeedbackAnswer> AcceptFhirAsync(byte[] body, bool xml, string sender, Resource? parsed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        DateTimeOffset received = time.GetUtcNow();
        string rawSha256 = Convert.ToHexStringLower(SHA256.HashData(body));
        Resource? resource = parsed;
        var issues = new IssueList();
        if (resource is null && !FhirBodyReader.TryRead(body, xml ? FhirFormat.Xml : FhirFormat.Json, FhirDecoderOptions.Default, issues, out resource))
        {
            string location = issues.Where(i => i.IsError).Select(i => i.Location).FirstOrDefault() ?? "body";
            FeedbackRead unreadable = FeedbackRead.Refused(FeedbackCodes.Unreadable, location, null);
            return await RefuseAsync(unreadable, Record(received, sender, null, rawSha256, "sha256:" + rawSha256), cancellationToken).ConfigureAwait(false);
        }

        FeedbackRead read = OutcomeFeedbackReader.Read(resource!, sender, _omiCodes, rawSha256);
        AuditRecord record = Record(received, sender, read.MessageId, rawSha256, read.Feedback?.Key ?? "sha256:" + rawSha256);
        if (read.Feedback is null)
        {
            return await RefuseAsync(read, record, cancellationToken).ConfigureAwait(false);
        }

        FeedbackResult result = await store.RecordFeedbackAsync(record, read.Feedback, cancellationToken).ConfigureAwait(false);
        return Answer(read.Feedback.Kind, result, location: null);
    }

    /// <summary>CDS Hooks feedback: every item is matched and recorded on its own; the answer lists each item's code.</summary>
    public async Task<FeedbackAnswer> AcceptCdsHooksAsync(byte[] body, string sender, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        DateTimeOffset received = time.GetUtcNow();
        string rawSha256 = Convert.ToHexStringLower(SHA256.HashData(body));
        var issues = new List<OutcomeIssue>();
        int worst = 200;
        int index = 0;
        foreach (FeedbackRead read in OutcomeFeedbackReader.ReadCdsHooks(body, sender))
        {
            string path = "feedback[" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";
            AuditRecord record = Record(received, sender, read.MessageId, rawSha256, read.Feedback?.Key ?? "sha256:" + rawSha256 + "#" + index.ToString(System.Globalization.CultureInfo.InvariantCulture));
            FeedbackResult result = read.Feedback is null
                ? await store.RecordFeedbackRefusedAsync(record with { ErrorCodes = [read.ErrorCode + " " + read.Location] }, cancellationToken).ConfigureAwait(false)
                : await store.RecordFeedbackAsync(record, read.Feedback, cancellationToken).ConfigureAwait(false);
            Log(result, FeedbackKind.CdsHooks);
            issues.Add(result.Recorded
                ? new OutcomeIssue("information", "informational", RecordedCode, path)
                : new OutcomeIssue("error", IssueCodeOf(result.ErrorCode!), result.ErrorCode!, read.Feedback is null ? read.Location : path));
            worst = Math.Max(worst, result.Recorded ? 200 : StatusOf(result.ErrorCode!));
            index++;
        }

        return new FeedbackAnswer(worst, OperationOutcomeJson.Create(issues));
    }

    /// <summary>
    /// An HL7 v2 result for an ECG's order, already recognised by <see cref="TryReadHl7"/>: recorded for every
    /// RiskAssessment of the order (AA; a refusal for some of them is a warning in ERR), or refused (AE with ERR naming
    /// the field and the code).
    /// </summary>
    internal async Task<byte[]> AcceptHl7Async(ReadOnlyMemory<byte> message, Hl7FeedbackRead read, AuditChannel channel, CancellationToken cancellationToken)
    {
        DateTimeOffset received = time.GetUtcNow();
        string rawSha256 = Convert.ToHexStringLower(SHA256.HashData(message.Span));
        string sender = read.Header.SendingApplication + "^" + read.Header.SendingFacility;
        string controlId = read.Header.MessageControlId ?? "sha256:" + rawSha256;
        AuditRecord record = Record(received, sender, read.Header.MessageControlId, rawSha256, "hl7-result|" + sender + "|" + controlId) with { Channel = channel };
        var issues = new IssueList();
        IReadOnlyList<string> assessments = read.ErrorCode is null
            ? await store.FindRiskAssessmentsByOrderAsync(read.OrderId!, cancellationToken).ConfigureAwait(false)
            : [];
        if (read.ErrorCode is not null || assessments.Count == 0)
        {
            string code = read.ErrorCode ?? FeedbackCodes.RiskAssessmentUnknown;
            string location = read.Location ?? "OBR-2";
            FeedbackResult refused = await store.RecordFeedbackRefusedAsync(record with { ErrorCodes = [code + " " + location] }, cancellationToken).ConfigureAwait(false);
            Log(refused, FeedbackKind.Hl7Result);
            issues.Error(code, location);
            return Hl7v2.Acknowledgments.Hl7AckBuilder.Build(read.Header, Hl7v2.Acknowledgments.Hl7AckCode.AE, issues);
        }

        int recorded = 0;
        foreach (string assessment in assessments)
        {
            var feedback = new OutcomeFeedback
            {
                Kind = FeedbackKind.Hl7Result,
                Key = "hl7-result|" + sender + "|" + controlId + "|" + assessment,
                RiskAssessmentId = assessment,
                Subject = read.Subject,
                Confirmed = read.Confirmed,
                Finding = read.Finding,
                OccurredAt = read.OccurredAt,
            };
            FeedbackResult result = await store.RecordFeedbackAsync(record, feedback, cancellationToken).ConfigureAwait(false);
            Log(result, FeedbackKind.Hl7Result);
            if (result.Recorded)
            {
                recorded++;
            }
            else
            {
                issues.Add(new Issue(result.ErrorCode!, recorded == 0 ? IssueSeverity.Error : IssueSeverity.Warning, Hl7FieldOf(result.ErrorCode!)));
            }
        }

        if (recorded == 0)
        {
            return Hl7v2.Acknowledgments.Hl7AckBuilder.Build(read.Header, Hl7v2.Acknowledgments.Hl7AckCode.AE, issues);
        }

        // Recorded for at least one ECG of the order: the others' refusals are warnings beside the AA.
        var warnings = new IssueList();
        warnings.AddRange(issues.Select(i => new Issue(i.Code, IssueSeverity.Warning, i.Location)));
        return Hl7v2.Acknowledgments.Hl7AckBuilder.Build(read.Header, Hl7v2.Acknowledgments.Hl7AckCode.AA, warnings);
    }

    /// <summary>Recognises an HL7 v2 result that is outcome feedback (see <see cref="Hl7FeedbackReader"/>).</summary>
    internal bool TryReadHl7(ReadOnlyMemory<byte> message, out Hl7FeedbackRead? read) =>
        Hl7FeedbackReader.TryRead(message, _omiCodes, out read);

    private static string Hl7FieldOf(string code) => code switch
    {
        FeedbackCodes.SubjectMismatch => "PID-3",
        FeedbackCodes.Duplicate => "MSH-10",
        _ => "OBR-2",
    };

    /// <summary>The informational code of a recorded feedback in answers (not an error code).</summary>
    public const string RecordedCode = "FEEDBACK-RECORDED";

    private async Task<FeedbackAnswer> RefuseAsync(FeedbackRead read, AuditRecord record, CancellationToken cancellationToken)
    {
        FeedbackResult result = await store.RecordFeedbackRefusedAsync(record with { ErrorCodes = [read.ErrorCode + " " + read.Location] }, cancellationToken).ConfigureAwait(false);
        return Answer(null, result, read.Location);
    }

    // The issue's expression is a FHIRPath into what was sent; what it refers to (the RiskAssessment matched, the audit
    // row of the first copy) goes into diagnostics.
    private FeedbackAnswer Answer(FeedbackKind? kind, FeedbackResult result, string? location)
    {
        Log(result, kind);
        string type = kind == FeedbackKind.Observation ? "Observation" : "Condition";
        if (result.Recorded)
        {
            return new FeedbackAnswer(200, OperationOutcomeJson.Create("information", "informational", RecordedCode, type, "recorded for " + result.Detail));
        }

        string code = result.ErrorCode!;
        return kind is null
            ? new FeedbackAnswer(StatusOf(code), OperationOutcomeJson.Create("error", IssueCodeOf(code), code, location))
            : new FeedbackAnswer(StatusOf(code), OperationOutcomeJson.Create("error", IssueCodeOf(code), code, PathOf(type, code), result.Detail));
    }

    private static string PathOf(string type, string code) => code switch
    {
        FeedbackCodes.RiskAssessmentUnknown => type == "Observation" ? "Observation.derivedFrom" : "Condition.evidence.detail",
        FeedbackCodes.SubjectMismatch => type + ".subject",
        FeedbackCodes.Duplicate => type + ".identifier",
        _ => type,
    };

    private AuditRecord Record(DateTimeOffset received, string sender, string? messageId, string rawSha256, string key) => new()
    {
        DedupeKey = "feedback|" + key,
        Channel = AuditChannel.Fhir,
        ReceivedAt = received,
        FinishedAt = time.GetUtcNow(),
        SourceSystem = sender,
        MessageId = messageId,
        RawSha256 = rawSha256,
    };

    private void Log(FeedbackResult result, FeedbackKind? kind)
    {
        if (result.Recorded)
        {
            FeedbackRecorded(logger, kind, result.AuditSequence);
        }
        else
        {
            FeedbackRefused(logger, result.ErrorCode!, result.AuditSequence);
        }
    }

    private static int StatusOf(string code) => code switch
    {
        FeedbackCodes.Duplicate => 409,
        FeedbackCodes.Unreadable => 400,
        _ => 422,
    };

    private static string IssueCodeOf(string code) => code switch
    {
        FeedbackCodes.Duplicate => "duplicate",
        FeedbackCodes.RiskAssessmentUnknown => "not-found",
        FeedbackCodes.Unreadable => "structure",
        _ => "business-rule",
    };

    [LoggerMessage(EventId = 7050, Level = LogLevel.Information, Message = "outcome feedback recorded: kind {Kind}, audit {AuditSeq}")]
    private static partial void FeedbackRecorded(ILogger logger, FeedbackKind? kind, long auditSeq);

    [LoggerMessage(EventId = 7051, Level = LogLevel.Warning, Message = "outcome feedback refused: {Code}, audit {AuditSeq}")]
    private static partial void FeedbackRefused(ILogger logger, string code, long auditSeq);
}

/// <summary><c>EcgBridge:Feedback</c>: which codes mean an occlusion MI in a Condition or an Observation.</summary>
public sealed record FeedbackOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "EcgBridge:Feedback";

    /// <summary><c>system|code</c> of the finding (empty: <see cref="OutcomeFeedbackReader.DefaultOmiCodes"/>).</summary>
    public IReadOnlyList<string> OmiCodes { get; init; } = [];
}

using EcgBridge.Audit.Data;
using EcgBridge.Core.Audit;
using EcgBridge.Core.Feedback;
using Microsoft.EntityFrameworkCore;

namespace EcgBridge.Audit;

// IOutcomeFeedbackStore: confirmed diagnoses and clinician responses, each with its audit row in the ECG's chain.
public sealed partial class EfAuditStore
{
    /// <inheritdoc />
    public async Task<FeedbackResult> RecordFeedbackAsync(AuditRecord record, OutcomeFeedback feedback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(feedback);
        RiskAssessmentRow? assessment;
        await using (AuditDbContext lookup = _database.CreateContext())
        {
            assessment = await lookup.RiskAssessments.AsNoTracking()
                .Where(x => x.Id == feedback.RiskAssessmentId)
                .Select(x => new RiskAssessmentRow { Id = x.Id, DedupeKey = x.DedupeKey, Subject = x.Subject })
                .SingleOrDefaultAsync(cancellationToken);
        }

        if (assessment is null)
        {
            return await RefuseAsync(record, feedback.Key, FeedbackCodes.RiskAssessmentUnknown, "RiskAssessment/" + feedback.RiskAssessmentId, cancellationToken);
        }

        if (feedback.Subject is { } subject && !SameSubject(subject, assessment.Subject))
        {
            return await RefuseAsync(record, feedback.Key, FeedbackCodes.SubjectMismatch, "subject", cancellationToken);
        }

        // In the ECG's chain, so the ECG's history (accepted, scored, shadow-scored, outcome-recorded) reads as one.
        int chainId = ChainOf(assessment.DedupeKey);
        await using AuditDbContext db = _database.CreateContext();
        await using WriteTransaction transaction = await BeginChainTransactionAsync(db, chainId, cancellationToken);
        long? earlier = await db.OutcomeFeedback.AsNoTracking()
            .Where(x => x.FeedbackKey == feedback.Key)
            .Select(x => (long?)x.AuditSeq)
            .FirstOrDefaultAsync(cancellationToken);
        if (earlier is { } seq)
        {
            await transaction.DisposeAsync();
            return await RefuseAsync(record, feedback.Key, FeedbackCodes.Duplicate, "audit " + seq.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        }

        AuditRecord recorded = record with { DedupeKey = assessment.DedupeKey, RiskAssessmentId = assessment.Id, ErrorCodes = [] };
        AuditRow row = await AppendAsync(db, recorded, AuditOutcome.OutcomeRecorded, chainId, null, cancellationToken);
        db.OutcomeFeedback.Add(new OutcomeFeedbackRow
        {
            FeedbackKey = feedback.Key,
            DedupeKey = assessment.DedupeKey,
            RiskAssessmentId = assessment.Id,
            Kind = KindName(feedback.Kind),
            Confirmed = feedback.Confirmed,
            Response = feedback.Response,
            Finding = feedback.Finding,
            OccurredAt = feedback.OccurredAt is { } occurred ? AuditChain.Truncate(occurred) : null,
            ReceivedAt = row.ReceivedAt,
            AuditSeq = row.Seq,
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await AppendedAsync(chainId, cancellationToken);
        return new FeedbackResult(row.Seq, null, "RiskAssessment/" + assessment.Id);
    }

    /// <inheritdoc />
    public async Task<FeedbackResult> RecordFeedbackRefusedAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        int chainId = ChainOf(record.DedupeKey);
        await using AuditDbContext db = _database.CreateContext();
        await using WriteTransaction transaction = await BeginChainTransactionAsync(db, chainId, cancellationToken);
        AuditRow row = await AppendAsync(db, record, AuditOutcome.Rejected, chainId, null, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await AppendedAsync(chainId, cancellationToken);
        string? first = record.ErrorCodes.Count > 0 ? record.ErrorCodes[0] : null;
        int space = first?.IndexOf(' ', StringComparison.Ordinal) ?? -1;
        return new FeedbackResult(row.Seq, space < 0 ? first ?? FeedbackCodes.Unreadable : first![..space], space < 0 ? null : first![(space + 1)..]);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> FindRiskAssessmentsByOrderAsync(string orderId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(orderId);
        await using AuditDbContext db = _database.CreateContext();
        return await db.RiskAssessments.AsNoTracking().Where(x => x.OrderId == orderId).OrderBy(x => x.Id).Select(x => x.Id).ToListAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<OutcomeLabel>> ReadOutcomesAsync(CancellationToken cancellationToken)
    {
        await using AuditDbContext db = _database.CreateContext();
        List<OutcomeFeedbackRow> rows = await db.OutcomeFeedback.AsNoTracking().OrderBy(x => x.Id).ToListAsync(cancellationToken);
        return [.. rows.Select(x => new OutcomeLabel(x.DedupeKey, x.RiskAssessmentId, Kind(x.Kind), x.Confirmed, x.Response, x.ReceivedAt))];
    }

    private Task<FeedbackResult> RefuseAsync(AuditRecord record, string key, string code, string? location, CancellationToken cancellationToken) =>
        RecordFeedbackRefusedAsync(
            record with { DedupeKey = "feedback|" + key, ErrorCodes = [location is null ? code : code + " " + location] },
            cancellationToken);

    // Both in the RiskAssessment's search-key form: a literal reference compares by its last two segments (an absolute
    // URL names the same Patient/123), an identifier as system|value.
    private static bool SameSubject(string feedback, string? assessment) =>
        assessment is not null && string.Equals(Tail(feedback), Tail(assessment), StringComparison.Ordinal);

    private static string Tail(string subject)
    {
        if (subject.Contains('|', StringComparison.Ordinal))
        {
            return subject;
        }

        string[] parts = subject.TrimEnd('/').Split('/');
        return parts.Length >= 2 ? parts[^2] + "/" + parts[^1] : subject;
    }

    private static string KindName(FeedbackKind kind) => kind switch
    {
        FeedbackKind.Condition => "condition",
        FeedbackKind.Observation => "observation",
        FeedbackKind.Hl7Result => "hl7-result",
        _ => "cds-hooks",
    };

    private static FeedbackKind Kind(string name) => name switch
    {
        "condition" => FeedbackKind.Condition,
        "observation" => FeedbackKind.Observation,
        "hl7-result" => FeedbackKind.Hl7Result,
        _ => FeedbackKind.CdsHooks,
    };
}

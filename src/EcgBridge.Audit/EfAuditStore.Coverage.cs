using EcgBridge.Audit.Data;
using EcgBridge.Core.Audit;
using Microsoft.EntityFrameworkCore;

namespace EcgBridge.Audit;

// Coverage: what is served or delivered must hash to what its audit row recorded.
public sealed partial class EfAuditStore
{
    /// <inheritdoc />
    public async Task<CoverageCheck> CheckRiskAssessmentAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using AuditDbContext db = _database.CreateContext();
        var stored = await db.RiskAssessments.AsNoTracking()
            .Where(x => x.Id == id)
            .Select(x => new { x.AuditSeq, x.Json, x.CreatedAt })
            .SingleOrDefaultAsync(cancellationToken);
        if (stored is null)
        {
            return new CoverageCheck(AuditCodes.CoverageNotFound, null, null);
        }

        AuditRow? row = await db.Audit.AsNoTracking().SingleOrDefaultAsync(x => x.Seq == stored.AuditSeq, cancellationToken);
        if (Covering(row) is { } problem)
        {
            return new CoverageCheck(problem, stored.AuditSeq, null);
        }

        if (row!.RiskAssessmentSha256 is null)
        {
            // Written before coverage hashes existed: nothing to check against; served, and flagged.
            return new CoverageCheck(AuditCodes.CoverageNotRecorded, row.Seq, stored.Json, stored.CreatedAt);
        }

        return string.Equals(AuditChain.Sha256(stored.Json), row.RiskAssessmentSha256, StringComparison.Ordinal)
            ? new CoverageCheck(null, row.Seq, stored.Json, stored.CreatedAt)
            : new CoverageCheck(AuditCodes.CoverageMismatch, row.Seq, null);
    }

    /// <inheritdoc />
    public async Task<CoverageCheck> CheckOutboxAsync(long auditSequence, CancellationToken cancellationToken)
    {
        await using AuditDbContext db = _database.CreateContext();
        AuditRow? row = await db.Audit.AsNoTracking().SingleOrDefaultAsync(x => x.Seq == auditSequence, cancellationToken);
        if (Covering(row) is { } problem)
        {
            return new CoverageCheck(problem, row is null ? null : auditSequence, null);
        }

        if (row!.HashVersion < 2)
        {
            return new CoverageCheck(AuditCodes.CoverageNotRecorded, auditSequence, null);
        }

        List<(string Kind, string Payload)> items = (await db.Outbox.AsNoTracking()
                .Where(x => x.AuditSeq == auditSequence)
                .OrderBy(x => x.Id)
                .Select(x => new { x.Kind, x.Payload })
                .ToListAsync(cancellationToken))
            .ConvertAll(x => (x.Kind, x.Payload));
        return string.Equals(AuditChain.OutboxHash(items), row.OutboxSha256, StringComparison.Ordinal)
            ? new CoverageCheck(null, auditSequence, null)
            : new CoverageCheck(AuditCodes.CoverageMismatch, auditSequence, null);
    }

    // The audit row itself must exist and hash to its stored hash, or its recorded coverage hashes prove nothing.
    private static string? Covering(AuditRow? row) =>
        row is null ? AuditCodes.CoverageNotFound
        : !string.Equals(AuditChain.ComputeHash(row), row.Hash, StringComparison.Ordinal) ? AuditCodes.ChainHashMismatch
        : null;
}

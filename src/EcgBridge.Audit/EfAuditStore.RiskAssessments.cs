using EcgBridge.Audit.Data;
using EcgBridge.Core.Audit;
using Microsoft.EntityFrameworkCore;

namespace EcgBridge.Audit;

// IRiskAssessmentStore: the RiskAssessment documents served by the FHIR read API.
public sealed partial class EfAuditStore
{
    /// <inheritdoc />
    public async Task<string?> GetRiskAssessmentJsonAsync(string id, CancellationToken cancellationToken)
    {
        await using AuditDbContext db = _database.CreateContext();
        return await db.RiskAssessments.AsNoTracking().Where(x => x.Id == id).Select(x => x.Json).SingleOrDefaultAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<RiskAssessmentPage> SearchRiskAssessmentsAsync(
        string? subject,
        DateTimeOffset? occurredFrom,
        DateTimeOffset? occurredBefore,
        int count,
        CancellationToken cancellationToken)
    {
        await using AuditDbContext db = _database.CreateContext();
        IQueryable<RiskAssessmentRow> query = db.RiskAssessments.AsNoTracking();
        if (subject is not null)
        {
            query = query.Where(x => x.Subject == subject);
        }

        if (occurredFrom is { } from)
        {
            DateTimeOffset bound = AuditChain.Truncate(from);
            query = query.Where(x => x.Occurrence >= bound);
        }

        if (occurredBefore is { } before)
        {
            DateTimeOffset bound = AuditChain.Truncate(before);
            query = query.Where(x => x.Occurrence < bound);
        }

        int total = await query.CountAsync(cancellationToken);
        if (count <= 0 || total == 0)
        {
            return new RiskAssessmentPage(total, []);
        }

        List<RiskAssessmentDocument> items = await query
            .OrderByDescending(x => x.Occurrence)
            .ThenBy(x => x.Id)
            .Take(count)
            .Select(x => new RiskAssessmentDocument(x.Id, x.Subject, x.Occurrence, x.Json))
            .ToListAsync(cancellationToken);
        return new RiskAssessmentPage(total, items);
    }
}

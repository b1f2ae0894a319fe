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
    public async Task<RiskAssessmentPage> SearchRiskAssessmentsAsync(RiskAssessmentSearch search, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        await using AuditDbContext db = _database.CreateContext();
        IQueryable<RiskAssessmentRow> query = Filter(db.RiskAssessments.AsNoTracking(), search);
        int total = await query.CountAsync(cancellationToken);
        if (search.Count <= 0 || total == 0)
        {
            return new RiskAssessmentPage(total, []);
        }

        // Display order: occurrence (asc or desc), id ascending, rows without an occurrence last. A backward page reads
        // the reverse order from its position and is turned round afterwards.
        bool reversed = search.Backward;
        bool occurrenceAscending = search.Ascending ^ reversed;
        if (search.Position is { } position)
        {
            query = After(query, position, reversed, occurrenceAscending);
        }

        IOrderedQueryable<RiskAssessmentRow> ordered = reversed
            ? query.OrderByDescending(x => x.Occurrence == null ? 1 : 0)
            : query.OrderBy(x => x.Occurrence == null ? 1 : 0);
        ordered = occurrenceAscending ? ordered.ThenBy(x => x.Occurrence) : ordered.ThenByDescending(x => x.Occurrence);
        ordered = reversed ? ordered.ThenByDescending(x => x.Id) : ordered.ThenBy(x => x.Id);
        List<RiskAssessmentDocument> items = await ordered
            .Take(search.Count + 1)
            .Select(x => new RiskAssessmentDocument(x.Id, x.Subject, x.Occurrence, x.Json, x.CreatedAt))
            .ToListAsync(cancellationToken);
        bool more = items.Count > search.Count;
        if (more)
        {
            items.RemoveAt(items.Count - 1);
        }

        if (reversed)
        {
            items.Reverse();
        }

        // Forward: more rows after the page when one more was read; rows before it when it started at a position.
        // Backward: the other way round.
        return reversed
            ? new RiskAssessmentPage(total, items, HasNext: search.Position is not null, HasPrevious: more)
            : new RiskAssessmentPage(total, items, HasNext: more, HasPrevious: search.Position is not null);
    }

    private static IQueryable<RiskAssessmentRow> Filter(IQueryable<RiskAssessmentRow> query, RiskAssessmentSearch search)
    {
        if (search.Subject is { } subject)
        {
            query = query.Where(x => x.Subject == subject);
        }

        if (search.SubjectIdentifierValue is { } value)
        {
            // Stored as system|value: any system with this value.
            string suffix = "|" + value;
            query = query.Where(x => x.Subject != null && x.Subject.EndsWith(suffix));
        }

        if (search.OccurredFrom is { } from)
        {
            DateTimeOffset bound = AuditChain.Truncate(from);
            query = query.Where(x => x.Occurrence >= bound);
        }

        if (search.OccurredBefore is { } before)
        {
            DateTimeOffset bound = AuditChain.Truncate(before);
            query = query.Where(x => x.Occurrence < bound);
        }

        return query;
    }

    // Rows strictly after the key in the order being read. Not reversed: nulls last, id ascending; reversed: nulls
    // first, id descending; the occurrence in the direction given.
    private static IQueryable<RiskAssessmentRow> After(IQueryable<RiskAssessmentRow> query, RiskAssessmentKey key, bool reversed, bool occurrenceAscending)
    {
        string id = key.Id;
        if (key.Occurrence is not { } at)
        {
            return reversed
                ? query.Where(x => x.Occurrence != null || string.Compare(x.Id, id) < 0)
                : query.Where(x => x.Occurrence == null && string.Compare(x.Id, id) > 0);
        }

        DateTimeOffset o = AuditChain.Truncate(at);
        return (reversed, occurrenceAscending) switch
        {
            (false, true) => query.Where(x => x.Occurrence == null || x.Occurrence > o || (x.Occurrence == o && string.Compare(x.Id, id) > 0)),
            (false, false) => query.Where(x => x.Occurrence == null || x.Occurrence < o || (x.Occurrence == o && string.Compare(x.Id, id) > 0)),
            (true, true) => query.Where(x => x.Occurrence != null && (x.Occurrence > o || (x.Occurrence == o && string.Compare(x.Id, id) < 0))),
            (true, false) => query.Where(x => x.Occurrence != null && (x.Occurrence < o || (x.Occurrence == o && string.Compare(x.Id, id) < 0))),
        };
    }
}

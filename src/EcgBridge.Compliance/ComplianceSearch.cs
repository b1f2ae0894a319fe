using System.Runtime.CompilerServices;
using EcgBridge.Core.Audit;

namespace EcgBridge.Compliance;

/// <summary>
/// Runs a <see cref="ComplianceFilter"/> against <see cref="IAuditLog.SearchAuditAsync"/>. Model version and risk are
/// not columns of the port's <see cref="AuditFilter"/> yet, so those two are applied here over the store's pages (a
/// full scan of the rows the other filters leave); give a time range to keep that small.
/// </summary>
public static class ComplianceSearch
{
    /// <summary>Rows fetched from the store per round trip.</summary>
    public const int StorePageSize = 500;

    /// <summary>Rows per store query for bulk readers that hold everything in memory anyway.</summary>
    public const int BulkPageSize = 20_000;

    /// <summary>One page (<see cref="ComplianceFilter.Skip"/>, <see cref="ComplianceFilter.Take"/>) and the total number of matches.</summary>
    public static async Task<AuditPage> SearchAsync(IAuditLog store, ComplianceFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(filter);
        int take = filter.Take ?? ComplianceFilterParser.MaxSearchTake;
        if (!filter.NeedsPostFilter)
        {
            return await store.SearchAuditAsync(filter.ToAuditFilter(), filter.Skip, take, cancellationToken).ConfigureAwait(false);
        }

        var items = new List<AuditEntry>(Math.Min(take, StorePageSize));
        int total = 0;
        await foreach (AuditEntry entry in ScanAsync(store, filter, StorePageSize, cancellationToken).ConfigureAwait(false))
        {
            if (total >= filter.Skip && items.Count < take)
            {
                items.Add(entry);
            }

            total++;
        }

        return new AuditPage(total, items);
    }

    /// <summary>
    /// Every match of <paramref name="filter"/> (Skip and Take ignored) as score rows (<see cref="IAuditLog.ReadScoresAsync"/>:
    /// the analysis columns only), read in <see cref="BulkPageSize"/> keyset pages.
    /// </summary>
    public static async Task<List<AuditEntry>> ReadScoresAsync(IAuditLog store, ComplianceFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(filter);
        AuditFilter storeFilter = filter.ToAuditFilter();
        var rows = new List<AuditEntry>();
        long after = 0;
        while (true)
        {
            IReadOnlyList<AuditEntry> page = await store.ReadScoresAsync(storeFilter, after, BulkPageSize, cancellationToken).ConfigureAwait(false);
            foreach (AuditEntry entry in page)
            {
                if (!filter.NeedsPostFilter || filter.MatchesPostFilter(entry))
                {
                    rows.Add(entry);
                }
            }

            if (page.Count < BulkPageSize)
            {
                return rows;
            }

            after = page[^1].Sequence;
        }
    }

    /// <summary>Every match from <see cref="ComplianceFilter.Skip"/> on, at most <see cref="ComplianceFilter.Take"/> (null = all), in sequence order.</summary>
    public static IAsyncEnumerable<AuditEntry> EnumerateAsync(IAuditLog store, ComplianceFilter filter, CancellationToken cancellationToken) =>
        EnumerateAsync(store, filter, StorePageSize, cancellationToken);

    /// <summary>
    /// As <see cref="EnumerateAsync(IAuditLog, ComplianceFilter, CancellationToken)"/>, reading <paramref name="pageSize"/>
    /// rows per store query: bulk readers (models compare, the drift monitor) use large pages, since each page pays a
    /// count and an offset scan.
    /// </summary>
    public static async IAsyncEnumerable<AuditEntry> EnumerateAsync(
        IAuditLog store,
        ComplianceFilter filter,
        int pageSize,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(filter);
        int skipped = 0;
        long returned = 0;
        int limit = filter.Take ?? int.MaxValue;
        if (!filter.NeedsPostFilter)
        {
            // The store skips for us; it pages by offset over a stable (sequence) order of an append-only table.
            int offset = filter.Skip;
            while (returned < limit)
            {
                int want = (int)Math.Min(pageSize, limit - returned);
                AuditPage page = await store.SearchAuditAsync(filter.ToAuditFilter(), offset, want, cancellationToken).ConfigureAwait(false);
                foreach (AuditEntry entry in page.Items)
                {
                    yield return entry;
                }

                returned += page.Items.Count;
                offset += page.Items.Count;
                if (page.Items.Count < want)
                {
                    yield break;
                }
            }

            yield break;
        }

        await foreach (AuditEntry entry in ScanAsync(store, filter, pageSize, cancellationToken).ConfigureAwait(false))
        {
            if (skipped < filter.Skip)
            {
                skipped++;
                continue;
            }

            if (returned >= limit)
            {
                yield break;
            }

            returned++;
            yield return entry;
        }
    }

    private static async IAsyncEnumerable<AuditEntry> ScanAsync(
        IAuditLog store,
        ComplianceFilter filter,
        int pageSize,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        AuditFilter storeFilter = filter.ToAuditFilter();
        int offset = 0;
        while (true)
        {
            AuditPage page = await store.SearchAuditAsync(storeFilter, offset, pageSize, cancellationToken).ConfigureAwait(false);
            foreach (AuditEntry entry in page.Items)
            {
                if (filter.MatchesPostFilter(entry))
                {
                    yield return entry;
                }
            }

            offset += page.Items.Count;
            if (page.Items.Count < pageSize)
            {
                yield break;
            }
        }
    }
}

using EcgBridge.Core.Audit;
using EcgBridge.TestSupport;

namespace EcgBridge.Audit.Tests;

/// <summary>Keyset paging of RiskAssessments: every row once, in order, both ways, while rows are being added.</summary>
public sealed class RiskAssessmentPagingTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Day = new(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);
    private SqliteAuditDatabase _db = null!;
    private EfAuditStore _store = null!;

    public async Task InitializeAsync()
    {
        _db = await SqliteAuditDatabase.CreateAsync();
        _store = _db.CreateStore();

        // 23 rows: ties on occurrence (every three share one) and three without an occurrence.
        for (int i = 0; i < 23; i++)
        {
            DateTimeOffset? occurrence = i < 20 ? Day.AddMinutes(i / 3) : null;
            await AddAsync($"ra{i:D2}", occurrence);
        }
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Following_next_reads_every_row_once_in_order_although_rows_are_inserted_meanwhile(bool ascending)
    {
        var seen = new List<RiskAssessmentDocument>();
        RiskAssessmentKey? position = null;
        int pages = 0;
        while (true)
        {
            RiskAssessmentPage page = await _store.SearchRiskAssessmentsAsync(new RiskAssessmentSearch(null, null, null, null, 5, ascending, position), default);
            seen.AddRange(page.Items);
            pages++;
            Assert.Equal(pages > 1, page.HasPrevious);

            // Newer and older results arrive while the client pages.
            await AddAsync($"new{pages:D2}a", Day.AddMinutes(100 + pages));
            await AddAsync($"new{pages:D2}b", Day.AddMinutes(-100 - pages));
            if (!page.HasNext)
            {
                break;
            }

            position = RiskAssessmentPage.KeyOf(page.Items[^1]);
        }

        List<string> original = seen.Select(x => x.Id).Where(x => x.StartsWith("ra", StringComparison.Ordinal)).ToList();
        Assert.Equal(23, original.Count);
        Assert.Equal(23, original.Distinct().Count());
        Assert.Equal(seen.Count, seen.Select(x => x.Id).Distinct().Count());
        List<RiskAssessmentDocument> dated = seen.Where(x => x.Occurrence is not null).ToList();
        List<RiskAssessmentDocument> sorted = ascending
            ? dated.OrderBy(x => x.Occurrence).ThenBy(x => x.Id, StringComparer.Ordinal).ToList()
            : dated.OrderByDescending(x => x.Occurrence).ThenBy(x => x.Id, StringComparer.Ordinal).ToList();
        Assert.Equal(sorted.Select(x => x.Id), dated.Select(x => x.Id));
        Assert.Equal(["ra20", "ra21", "ra22"], seen.Skip(dated.Count).Select(x => x.Id));
        Assert.All(seen, x => Assert.NotNull(x.LastUpdated));
    }

    [Fact]
    public async Task Previous_pages_and_the_last_page_read_the_same_rows_backwards()
    {
        var forward = new List<string>();
        RiskAssessmentKey? position = null;
        RiskAssessmentPage page;
        do
        {
            page = await _store.SearchRiskAssessmentsAsync(new RiskAssessmentSearch(null, null, null, null, 4, Position: position), default);
            forward.AddRange(page.Items.Select(x => x.Id));
            position = page.Items.Count > 0 ? RiskAssessmentPage.KeyOf(page.Items[^1]) : null;
        }
        while (page.HasNext);

        var backward = new List<string>();
        page = await _store.SearchRiskAssessmentsAsync(new RiskAssessmentSearch(null, null, null, null, 4, Backward: true), default);
        Assert.False(page.HasNext);
        backward.InsertRange(0, page.Items.Select(x => x.Id));
        while (page.HasPrevious)
        {
            page = await _store.SearchRiskAssessmentsAsync(
                new RiskAssessmentSearch(null, null, null, null, 4, Position: RiskAssessmentPage.KeyOf(page.Items[0]), Backward: true), default);
            Assert.True(page.HasNext);
            backward.InsertRange(0, page.Items.Select(x => x.Id));
        }

        Assert.Equal(23, forward.Count);
        Assert.Equal(forward, backward);
        Assert.Equal(["ra20", "ra21", "ra22"], forward.TakeLast(3));
    }

    [Fact]
    public async Task Subject_identifier_matches_a_value_under_any_system_and_date_bounds_drop_undated_rows()
    {
        await _store.RecordScoredAsync(AuditSamples.Scored("kid"), [], AuditSamples.RiskAssessment("raid", "urn:oid:1.2.3|MRN-7", Day), default);

        RiskAssessmentPage byValue = await _store.SearchRiskAssessmentsAsync(new RiskAssessmentSearch(null, "MRN-7", null, null, 10), default);
        RiskAssessmentPage other = await _store.SearchRiskAssessmentsAsync(new RiskAssessmentSearch(null, "MRN-70", null, null, 10), default);
        RiskAssessmentPage dated = await _store.SearchRiskAssessmentsAsync(new RiskAssessmentSearch(null, null, Day.AddYears(-1), null, 100), default);

        Assert.Equal("raid", Assert.Single(byValue.Items).Id);
        Assert.Empty(other.Items);
        Assert.Equal(21, dated.Total);
        Assert.DoesNotContain(dated.Items, x => x.Occurrence is null);
    }

    private Task<RecordResult> AddAsync(string id, DateTimeOffset? occurrence) =>
        _store.RecordScoredAsync(AuditSamples.Scored("k-" + id), [], AuditSamples.RiskAssessment(id, "Patient/1", occurrence), default);
}

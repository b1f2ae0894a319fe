using EcgBridge.Core.Audit;
using EcgBridge.Core.Scoring;
using EcgBridge.Compliance;

namespace EcgBridge.Cli.Tests.Compliance;

/// <summary>Compliance search over the real embedded store (EfAuditStore on SQLite).</summary>
public sealed class ComplianceSearchTests : IAsyncLifetime
{
    private AuditSeed _seed = null!;

    public async Task InitializeAsync()
    {
        _seed = await AuditSeed.CreateAsync();
        await _seed.FillAsync();
    }

    public async Task DisposeAsync() => await _seed.DisposeAsync();

    [Theory]
    [InlineData("' OR '1'='1")]
    [InlineData("x'; DROP TABLE audit; --")]
    [InlineData("CART^WARD3' --")]
    [InlineData("%")]
    public async Task Injection_shaped_values_reaching_the_store_are_compared_as_data(string value)
    {
        AuditPage bySource = await _seed.Store.SearchAuditAsync(new AuditFilter { SourceSystem = value }, 0, 100, default);
        AuditPage byPatient = await _seed.Store.SearchAuditAsync(new AuditFilter { PatientId = value }, 0, 100, default);

        Assert.Equal(0, bySource.Total);
        Assert.Equal(0, byPatient.Total);
        ChainVerification chain = await _seed.Store.VerifyChainAsync(default);
        Assert.True(chain.Intact);
        Assert.Equal(8, chain.RowCount);
    }

    [Fact]
    public async Task Post_filtered_search_counts_all_matches_and_pages_them()
    {
        var filter = new ComplianceFilter { Risk = RiskLevel.High, Skip = 1, Take = 5 };

        AuditPage page = await ComplianceSearch.SearchAsync(_seed.Store, filter, default);

        Assert.Equal(2, page.Total);
        Assert.Equal("m3", Assert.Single(page.Items).MessageId);
    }

    [Fact]
    public async Task Enumeration_crosses_store_pages_in_sequence_order()
    {
        await _seed.AcceptManyAsync(ComplianceSearch.StorePageSize + 7);
        var plain = new ComplianceFilter { SourceSystem = "BULK^SITE", Skip = 3 };
        var byPatient = new ComplianceFilter { PatientId = AuditSeed.PatientA, Outcome = AuditOutcome.Accepted, Skip = 2, Take = 600 };

        List<AuditEntry> all = await Collect(ComplianceSearch.EnumerateAsync(_seed.Store, plain, default));
        List<AuditEntry> ofPatient = await Collect(ComplianceSearch.EnumerateAsync(_seed.Store, byPatient, default));

        Assert.Equal(ComplianceSearch.StorePageSize + 4, all.Count);
        Assert.Equal("bulk3", all[0].MessageId);
        Assert.True(all.Zip(all.Skip(1)).All(p => p.First.Sequence < p.Second.Sequence));

        // Accepted rows of patient A: m1, m3 and the bulk rows; skip 2 leaves the bulk rows.
        Assert.Equal(ComplianceSearch.StorePageSize + 7, ofPatient.Count);
    }

    [Fact]
    public async Task Scan_with_a_model_version_filter_crosses_store_pages()
    {
        await _seed.AcceptManyAsync(ComplianceSearch.StorePageSize + 7);

        List<AuditEntry> found = await Collect(ComplianceSearch.EnumerateAsync(_seed.Store, new ComplianceFilter { ModelVersion = "2.0.0" }, default));

        Assert.Equal("m3", Assert.Single(found).MessageId);
    }

    private static async Task<List<AuditEntry>> Collect(IAsyncEnumerable<AuditEntry> entries)
    {
        var list = new List<AuditEntry>();
        await foreach (AuditEntry entry in entries)
        {
            list.Add(entry);
        }

        return list;
    }
}

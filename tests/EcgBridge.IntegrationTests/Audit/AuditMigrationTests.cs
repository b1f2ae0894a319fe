using EcgBridge.Audit;
using EcgBridge.Core.Audit;
using EcgBridge.TestSupport;
using Npgsql;

namespace EcgBridge.IntegrationTests.Audit;

/// <summary>What the PostgreSQL migration sets up besides tables: the append-only trigger and the application role.</summary>
public sealed class AuditMigrationTests : IAsyncLifetime
{
    private PostgresAuditDatabase _db = null!;

    public async Task InitializeAsync() => _db = await PostgresAuditDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Theory]
    [InlineData("UPDATE audit SET probability = 0.01 WHERE seq = 1")]
    [InlineData("DELETE FROM audit WHERE seq = 1")]
    [InlineData("TRUNCATE audit")]
    public async Task Trigger_refuses_changes_to_audit_rows_even_for_the_owner(string sql)
    {
        await _db.CreateStore().AcceptAsync(AuditSamples.Message("k1"), AuditSamples.Ack("AA"), default);

        PostgresException refused = await Assert.ThrowsAsync<PostgresException>(() => _db.ExecuteAsync(sql));

        Assert.Equal("EB001", refused.SqlState);
        Assert.Equal(1, await _db.ScalarAsync("SELECT count(*) FROM audit"));
    }

    [Theory]
    [InlineData("UPDATE audit SET probability = 0.01 WHERE seq = 1")]
    [InlineData("DELETE FROM audit WHERE seq = 1")]
    [InlineData("DELETE FROM inbox")]
    [InlineData("DROP TABLE audit")]
    public async Task Application_role_cannot_change_or_remove_audit_rows(string sql)
    {
        string app = await _db.CreateAppLoginAsync();
        await _db.CreateStore("app", app).AcceptAsync(AuditSamples.Message("k1"), AuditSamples.Ack("AA"), default);

        PostgresException refused = await Assert.ThrowsAnyAsync<PostgresException>(() => _db.ExecuteAsync(sql, app));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
    }

    [Fact]
    public async Task Application_role_runs_the_whole_store()
    {
        string app = await _db.CreateAppLoginAsync();
        EfAuditStore store = _db.CreateStore("app", app);
        DateTimeOffset occurrence = new(2026, 11, 23, 11, 0, 0, TimeSpan.Zero);

        await store.AcceptAsync(AuditSamples.Message("k1"), AuditSamples.Ack("AA"), default);
        await store.RecordScoredAsync(AuditSamples.Scored("k1"), AuditSamples.Deliveries("ra-k1"), AuditSamples.RiskAssessment("ra-k1", "Patient/1", occurrence), default);
        await store.RecordRejectedAsync(AuditSamples.Message("k2"), AuditSamples.Ack("AR"), default);
        long withTensor = (await store.RecordScoredAsync(AuditSamples.Scored("k3"), [], null, new EcgBridge.Core.EcgTensor(), default)).AuditSequence;
        StoredEcg? stored = await store.GetStoredEcgAsync(withTensor, default);
        int pruned = await store.PruneStoredEcgsAsync(_db.Time.GetUtcNow().AddDays(1), default);
        IReadOnlyList<OutboxMessage> claimed = await store.ClaimDueAsync(10, TimeSpan.FromSeconds(30), default);
        await store.MarkDeliveredAsync(claimed[0].Id, default);
        await store.MarkFailedAsync(claimed[1].Id, "DELIVERY-BUS-UNAVAILABLE", null, _db.Time.GetUtcNow().AddSeconds(5), default);

        Assert.Equal(2, claimed.Count);
        Assert.NotNull(await store.GetRiskAssessmentJsonAsync("ra-k1", default));
        Assert.NotNull(stored);
        Assert.Equal(1, pruned);
        Assert.Equal(new ChainVerification(true, 4, null, null), await store.VerifyChainAsync(default));
    }

    [Fact]
    public async Task Migrating_again_is_a_no_op()
    {
        AuditDatabase database = AuditDatabase.Create(new AuditOptions
        {
            Provider = AuditProvider.PostgreSql,
            ConnectionString = _db.ConnectionString,
            PatientIdHashKey = PostgresAuditDatabase.PatientKey,
        });
        await database.MigrateAsync(default);

        await using EcgBridge.Audit.Data.AuditDbContext context = database.CreateContext();
        int migrations = Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.GetMigrations(context.Database).Count();
        Assert.Equal(migrations, await _db.ScalarAsync("SELECT count(*) FROM \"__EFMigrationsHistory\""));
    }
}

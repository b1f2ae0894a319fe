using EcgBridge.Audit.Data;
using EcgBridge.Core.Audit;
using EcgBridge.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EcgBridge.Audit.Tests;

public sealed class AuditChainsTests : IAsyncLifetime
{
    private TrustedAuditStore _trusted = null!;

    public async Task InitializeAsync() => _trusted = await TrustedAuditStore.CreateAsync();

    public async Task DisposeAsync() => await _trusted.DisposeAsync();

    [Fact]
    public async Task Ten_thousand_rows_in_four_chains_verify_with_no_false_alarm()
    {
        EfAuditStore store = _trusted.Store(everyRows: 1000, chainCount: 4);
        for (int i = 0; i < 5000; i++)
        {
            AcceptResult accepted = await store.AcceptAsync(AuditSamples.Message("m" + i), AuditSamples.Ack("AA"), default);
            await store.RecordScoredAsync(AuditSamples.Scored("m" + i), AuditSamples.Deliveries("ra-m" + i), null, default);
            Assert.False(accepted.IsDuplicate);
        }

        await store.WriteCheckpointsAsync(default);
        AuditVerification result = await _trusted.Verifier().VerifyAsync(null, default);

        Assert.Empty(result.Findings);
        Assert.Equal(10_000, result.RowsChecked);
        Assert.Equal([0, 1, 2, 3], result.Chains.Select(x => x.ChainId));
        Assert.All(result.Chains, chain => Assert.Equal(chain.Rows, chain.CoveredRows));
        Assert.All(result.Chains, chain => Assert.InRange(chain.Rows, 2000, 3000)); // the dedupe-key hash spreads rows
    }

    [Fact]
    public async Task Resend_lands_on_the_chain_of_its_first_message()
    {
        EfAuditStore store = _trusted.Store(chainCount: 4);

        AcceptResult first = await store.AcceptAsync(AuditSamples.Message("same"), AuditSamples.Ack("AA"), default);
        AcceptResult again = await store.AcceptAsync(AuditSamples.Message("same"), AuditSamples.Ack("AA"), default);

        Assert.True(again.IsDuplicate);
        AuditRow[] rows = await RowsAsync(first.AuditSequence, again.AuditSequence);
        Assert.Equal(store.ChainOf("same"), rows[0].ChainId);
        Assert.Equal(rows[0].ChainId, rows[1].ChainId);
        Assert.Equal((1L, 2L), (rows[0].ChainSeq, rows[1].ChainSeq));
    }

    [Fact]
    public async Task Rows_written_before_chains_existed_become_chain_0_and_stay_verifiable()
    {
        // A store at the previous schema version with v1 rows, then migrated.
        string directory = Path.Combine(Path.GetTempPath(), "ecgb-audit-v1-" + Guid.NewGuid().ToString("N"));
        AuditDatabase database = AuditDatabase.Create(new AuditOptions { DataDirectory = directory });
        try
        {
            Directory.CreateDirectory(directory);
            await using (AuditDbContext context = database.CreateContext())
            {
                await context.GetService<IMigrator>().MigrateAsync("20261124023338_AddEcgTensor");
                string previous = AuditChain.Genesis;
                DateTimeOffset received = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
                for (long seq = 1; seq <= 3; seq++)
                {
                    var row = new AuditRow { Seq = seq, HashVersion = 1, ReceivedAt = received, Channel = "mllp", DedupeKey = "old" + seq, Outcome = "accepted", PrevHash = previous };
                    row.Hash = AuditChain.ComputeHash(row);
                    previous = row.Hash;
                    await context.Database.ExecuteSqlAsync(
                        $"INSERT INTO audit (seq, received_at, channel, dedupe_key, outcome, prev_hash, hash) VALUES ({row.Seq}, {received.ToUnixTimeMilliseconds() * 1000}, {row.Channel}, {row.DedupeKey}, {row.Outcome}, {row.PrevHash}, {row.Hash})");
                }
            }

            await database.MigrateAsync(default);
            var store = new EfAuditStore(database, new PatientIdHasher(() => [1, 2, 3]), TimeProvider.System);
            RecordResult next = await store.RecordFailedAsync(AuditSamples.Message("new"), default);

            AuditVerification result = await store.VerifyAsync(null, default);

            Assert.Equal(4, next.AuditSequence);
            Assert.Equal(4, result.RowsChecked);
            Assert.DoesNotContain(result.Findings, x => x.Severity == AuditFindingSeverity.Error);
            AuditEntry? oldRow = await store.GetAuditEntryAsync(2, default);
            Assert.Equal("old2", oldRow!.DedupeKey);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private async Task<AuditRow[]> RowsAsync(params long[] sequences)
    {
        await using AuditDbContext context = _trusted.Db.Database.CreateContext();
        return await context.Audit.AsNoTracking().Where(x => sequences.Contains(x.Seq)).OrderBy(x => x.Seq).ToArrayAsync();
    }
}

using System.Diagnostics;
using EcgBridge.Audit.Data;
using EcgBridge.TestSupport;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace EcgBridge.Audit.Tests;

/// <summary>
/// Full and incremental verification of a large store, filled by a bulk path (one transaction of raw inserts with
/// real v2 hashes). Rows from EcgBridge__Bench__VerifyRows (default 5,000 so the test stays short; docs/reliability.md
/// quotes a 1,000,000-row run); prints times and peak memory.
/// </summary>
public sealed class AuditVerifyScaleTests(ITestOutputHelper output) : IAsyncLifetime
{
    private TrustedAuditStore _trusted = null!;

    public async Task InitializeAsync() => _trusted = await TrustedAuditStore.CreateAsync();

    public async Task DisposeAsync() => await _trusted.DisposeAsync();

    [Fact]
    public async Task Large_store_verifies_in_full_and_then_incrementally_after_a_thousand_new_rows()
    {
        int rows = int.TryParse(Environment.GetEnvironmentVariable("EcgBridge__Bench__VerifyRows"), out int configured) ? configured : 5000;
        EfAuditStore store = _trusted.Store(everyRows: 1000);
        var fill = Stopwatch.StartNew();
        BulkAppend(rows);
        await store.WriteCheckpointsAsync(default);
        fill.Stop();

        var full = Stopwatch.StartNew();
        AuditVerification first = await _trusted.Verifier().VerifyAsync(null, default);
        full.Stop();
        long peak = Process.GetCurrentProcess().PeakWorkingSet64;
        await TrustedAuditStore.AcceptAsync(store, 1000, "new");
        await store.WriteCheckpointsAsync(default);
        var incremental = Stopwatch.StartNew();
        AuditVerification second = await _trusted.Verifier().VerifyAsync(first.State, default);
        incremental.Stop();

        output.WriteLine($"rows={rows} fill_s={fill.Elapsed.TotalSeconds:F1} full_verify_s={full.Elapsed.TotalSeconds:F2} peak_working_set_mb={peak / 1048576} incremental_after_1000_s={incremental.Elapsed.TotalSeconds:F3}");
        Assert.True(first.Intact);
        Assert.Equal(rows, first.RowsChecked);
        Assert.Empty(first.Findings);
        Assert.True(second.Intact);
        Assert.Equal(1000, second.RowsChecked);
    }

    // Rows exactly as the store would write them (v2 hashes, one chain), without a transaction per row.
    private void BulkAppend(int count)
    {
        using SqliteConnection raw = _trusted.Db.OpenRaw();
        using SqliteTransaction transaction = raw.BeginTransaction();
        using SqliteCommand insert = raw.CreateCommand();
        insert.CommandText = "INSERT INTO audit (seq, hash_version, chain_id, chain_seq, received_at, channel, dedupe_key, outcome, source_system, message_id, raw_sha256, prev_hash, hash) VALUES ($seq, 2, 0, $seq, $at, 'mllp', $key, 'accepted', 'CART^WARD3', $key, $raw, $prev, $hash)";
        SqliteParameter seq = insert.Parameters.Add("$seq", SqliteType.Integer);
        SqliteParameter at = insert.Parameters.Add("$at", SqliteType.Integer);
        SqliteParameter key = insert.Parameters.Add("$key", SqliteType.Text);
        SqliteParameter rawHash = insert.Parameters.Add("$raw", SqliteType.Text);
        SqliteParameter prev = insert.Parameters.Add("$prev", SqliteType.Text);
        SqliteParameter hash = insert.Parameters.Add("$hash", SqliteType.Text);
        DateTimeOffset start = AuditChain.Truncate(AuditSamples.Received);
        string previous = AuditChain.Genesis;
        for (long n = 1; n <= count; n++)
        {
            var row = new AuditRow
            {
                Seq = n,
                HashVersion = 2,
                ChainId = 0,
                ChainSeq = n,
                ReceivedAt = start.AddMilliseconds(n),
                Channel = "mllp",
                DedupeKey = "bulk" + n,
                Outcome = "accepted",
                SourceSystem = "CART^WARD3",
                MessageId = "bulk" + n,
                RawSha256 = new string('a', 64),
                PrevHash = previous,
            };
            row.Hash = AuditChain.ComputeHash(row);
            seq.Value = n;
            at.Value = (row.ReceivedAt - DateTimeOffset.UnixEpoch).Ticks / 10;
            key.Value = row.DedupeKey;
            rawHash.Value = row.RawSha256;
            prev.Value = previous;
            hash.Value = row.Hash;
            insert.ExecuteNonQuery();
            previous = row.Hash;
        }

        transaction.Commit();
    }
}

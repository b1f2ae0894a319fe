using System.Diagnostics;
using EcgBridge.Audit;
using EcgBridge.Audit.Data;
using EcgBridge.TestSupport;
using Npgsql;
using NpgsqlTypes;
using Xunit.Abstractions;

namespace EcgBridge.IntegrationTests.Audit;

/// <summary>
/// Full and incremental verification of a large store on real PostgreSQL, filled by a bulk path (binary COPY of rows
/// with real v2 hashes). Rows from EcgBridge__Bench__VerifyRows (default 5,000 so the test stays short;
/// docs/reliability.md quotes a 1,000,000-row run); prints times and peak memory.
/// </summary>
public sealed class AuditVerifyScalePostgresTests(ITestOutputHelper output) : IAsyncLifetime, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ecgb-pg-scale-" + Guid.NewGuid().ToString("N"));
    private PostgresAuditDatabase _db = null!;
    private AuditKeyRing _publicKeys = null!;
    private string _keyFile = "";

    public async Task InitializeAsync()
    {
        _db = await PostgresAuditDatabase.CreateAsync();
        Directory.CreateDirectory(_directory);
        _keyFile = Path.Combine(_directory, "signing.pem");
        await File.WriteAllTextAsync(_keyFile, AuditSigningKeys.NewPrivateKeyPem());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        _publicKeys = new AuditKeyRing();
        _publicKeys.AddVerificationPem(await File.ReadAllTextAsync(_keyFile));
    }

    public void Dispose() => _publicKeys.Dispose();

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Large_store_verifies_in_full_and_then_incrementally_after_a_thousand_new_rows()
    {
        int rows = int.TryParse(Environment.GetEnvironmentVariable("EcgBridge__Bench__VerifyRows"), out int configured) ? configured : 5000;
        AuditOptions options = Options();
        var store = new EfAuditStore(AuditDatabase.Create(options), new PatientIdHasher(() => System.Text.Encoding.UTF8.GetBytes(PostgresAuditDatabase.PatientKey)), _db.Time, AuditCheckpointSettings.From(options));
        var fill = Stopwatch.StartNew();
        await BulkAppendAsync(rows);
        await store.WriteCheckpointsAsync(default);
        fill.Stop();

        var verifier = new AuditVerifier(AuditDatabase.Create(options), _publicKeys, new AuditWitness(Path.Combine(_directory, "witness")));
        var full = Stopwatch.StartNew();
        AuditVerification first = await verifier.VerifyAsync(null, default);
        full.Stop();
        long peak = Process.GetCurrentProcess().PeakWorkingSet64;
        for (int i = 0; i < 1000; i++)
        {
            await store.AcceptAsync(AuditSamples.Message("new" + i), AuditSamples.Ack("AA"), default);
        }

        await store.WriteCheckpointsAsync(default);
        var incremental = Stopwatch.StartNew();
        AuditVerification second = await verifier.VerifyAsync(first.State, default);
        incremental.Stop();

        output.WriteLine($"postgres rows={rows} fill_s={fill.Elapsed.TotalSeconds:F1} full_verify_s={full.Elapsed.TotalSeconds:F2} peak_working_set_mb={peak / 1048576} incremental_after_1000_s={incremental.Elapsed.TotalSeconds:F3}");
        Assert.True(first.Intact, string.Join("; ", first.Findings.Select(f => f.Code)));
        Assert.Equal(rows, first.RowsChecked);
        Assert.Empty(first.Findings);
        Assert.True(second.Intact, string.Join("; ", second.Findings.Select(f => f.Code)));
        Assert.Equal(1000, second.RowsChecked);
    }

    private AuditOptions Options() => new()
    {
        Provider = AuditProvider.PostgreSql,
        ConnectionString = _db.ConnectionString,
        PatientIdHashKey = PostgresAuditDatabase.PatientKey,
        DataDirectory = _directory,
        SigningKeyPath = _keyFile,
        WitnessDirectory = Path.Combine(_directory, "witness"),
        CheckpointEveryRows = 1000,
    };

    // Rows exactly as the store would write them (v2 hashes, one chain), by binary COPY instead of a transaction per row.
    private async Task BulkAppendAsync(int count)
    {
        await using var connection = new NpgsqlConnection(_db.ConnectionString);
        await connection.OpenAsync();
        await using NpgsqlBinaryImporter copy = await connection.BeginBinaryImportAsync(
            "COPY audit (seq, hash_version, chain_id, chain_seq, received_at, channel, dedupe_key, outcome, source_system, message_id, raw_sha256, prev_hash, hash) FROM STDIN (FORMAT BINARY)");
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
            await copy.StartRowAsync();
            await copy.WriteAsync(n, NpgsqlDbType.Bigint);
            await copy.WriteAsync(2, NpgsqlDbType.Integer);
            await copy.WriteAsync(0, NpgsqlDbType.Integer);
            await copy.WriteAsync(n, NpgsqlDbType.Bigint);
            await copy.WriteAsync(row.ReceivedAt, NpgsqlDbType.TimestampTz);
            await copy.WriteAsync(row.Channel, NpgsqlDbType.Text);
            await copy.WriteAsync(row.DedupeKey, NpgsqlDbType.Text);
            await copy.WriteAsync(row.Outcome, NpgsqlDbType.Text);
            await copy.WriteAsync(row.SourceSystem, NpgsqlDbType.Text);
            await copy.WriteAsync(row.MessageId, NpgsqlDbType.Text);
            await copy.WriteAsync(row.RawSha256, NpgsqlDbType.Text);
            await copy.WriteAsync(previous, NpgsqlDbType.Text);
            await copy.WriteAsync(row.Hash, NpgsqlDbType.Text);
            previous = row.Hash;
        }

        await copy.CompleteAsync();
        await copy.CloseAsync();

        // The store numbers rows from a sequence; the bulk path wrote its own numbers, so move the sequence past them.
        await using var advance = new NpgsqlCommand($"SELECT setval('audit_seq_global', {count})", connection);
        await advance.ExecuteScalarAsync();
    }
}

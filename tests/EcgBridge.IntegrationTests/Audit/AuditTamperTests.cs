using System.Diagnostics;
using EcgBridge.Audit;
using EcgBridge.Core.Audit;
using EcgBridge.TestSupport;
using Xunit.Abstractions;

namespace EcgBridge.IntegrationTests.Audit;

/// <summary>Attacks on the audit store on real PostgreSQL: each found with its own code; several chains under concurrent writers.</summary>
public sealed class AuditTamperTests : IAsyncLifetime, IDisposable
{
    private const int Rows = 23;
    private readonly ITestOutputHelper _output;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ecgb-pg-trust-" + Guid.NewGuid().ToString("N"));
    private PostgresAuditDatabase _db = null!;
    private AuditKeyRing _publicKeys = null!;
    private string _keyFile = "";

    public AuditTamperTests(ITestOutputHelper output) => _output = output;

    private AuditWitness Witness => new(Path.Combine(_directory, "witness"));

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
    public async Task Untouched_store_is_intact_and_the_integrity_check_finds_nothing()
    {
        await FillAsync(Store());

        AuditVerification result = await Verifier().VerifyAsync(null, default);
        IReadOnlyList<AuditFinding> integrity = await new AuditIntegrity(Database()).CheckAsync(repair: false, default);

        Assert.Empty(result.Findings);
        Assert.Equal(Rows, result.RowsChecked);
        Assert.Empty(integrity);
    }

    [Fact]
    public async Task Edited_middle_row_is_a_hash_mismatch()
    {
        await FillAsync(Store());
        await _db.ExecuteAsync("ALTER TABLE audit DISABLE TRIGGER audit_append_only; UPDATE audit SET source_system = 'FORGED' WHERE chain_seq = 7;");

        AuditVerification result = await Verifier().VerifyAsync(null, default);

        Assert.Contains(result.Findings, x => x.Code == AuditCodes.ChainHashMismatch && x.ChainSequence == 7);
    }

    [Fact]
    public async Task Newest_row_and_newest_ten_rows_deleted_are_truncations()
    {
        await FillAsync(Store());
        await _db.ExecuteAsync($"ALTER TABLE audit DISABLE TRIGGER audit_append_only; DELETE FROM audit WHERE chain_seq = {Rows};");
        AuditFinding one = Assert.Single((await Verifier().VerifyAsync(null, default)).Findings);

        await _db.ExecuteAsync($"DELETE FROM audit WHERE chain_seq > {Rows - 10};");
        AuditFinding ten = Assert.Single((await Verifier().VerifyAsync(null, default)).Findings);

        Assert.Equal((AuditCodes.ChainTruncated, (long?)Rows), (one.Code, one.ChainSequence));
        Assert.Equal((AuditCodes.ChainTruncated, (long?)(Rows - 9), 10L), (ten.Code, ten.ChainSequence, ten.Count));
    }

    [Fact]
    public async Task Middle_row_edited_and_later_rows_rehashed_is_found_by_the_checkpoint()
    {
        await FillAsync(Store());
        await _db.ExecuteAsync("ALTER TABLE audit DISABLE TRIGGER audit_append_only;");
        await using (var context = Database().CreateContext())
        {
            var rows = context.Audit.Where(x => x.ChainSeq >= 6).OrderBy(x => x.ChainSeq).ToList();
            string previous = rows[0].Hash;
            foreach (var row in rows.Skip(1))
            {
                if (row.ChainSeq == 7)
                {
                    row.Outcome = "rejected";
                }

                row.PrevHash = previous;
                row.Hash = AuditChain.ComputeHash(row);
                previous = row.Hash;
            }

            await context.SaveChangesAsync();
        }

        AuditVerification result = await Verifier().VerifyAsync(null, default);

        Assert.DoesNotContain(result.Findings, x => x.Code is AuditCodes.ChainHashMismatch or AuditCodes.ChainLinkBroken);
        Assert.Contains(result.Findings, x => x.Code == AuditCodes.ChainRehashed && x.ChainSequence == 6);
    }

    [Fact]
    public async Task Disabled_trigger_and_a_widened_grant_are_reported_and_triggers_repaired_on_request()
    {
        await _db.ExecuteAsync("ALTER TABLE audit DISABLE TRIGGER audit_append_only; DROP TRIGGER audit_checkpoint_no_truncate ON audit_checkpoint; GRANT UPDATE ON audit TO ecgbridge_app;");
        var integrity = new AuditIntegrity(Database());

        IReadOnlyList<AuditFinding> found = await integrity.CheckAsync(repair: true, default);
        IReadOnlyList<AuditFinding> after = await integrity.CheckAsync(repair: false, default);

        Assert.Equal(
            ["trigger audit_append_only", "trigger audit_checkpoint_no_truncate"],
            found.Where(x => x.Code == AuditCodes.TriggerMissing).Select(x => x.Location));
        Assert.Contains(found, x => x.Code == AuditCodes.GrantTooWide && x.Location == "UPDATE ON audit");
        Assert.Equal([AuditCodes.GrantTooWide], after.Select(x => x.Code));
    }

    [Fact]
    public async Task Application_role_cannot_change_checkpoints()
    {
        await FillAsync(Store());
        string app = await _db.CreateAppLoginAsync();

        var refused = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => _db.ExecuteAsync("DELETE FROM audit_checkpoint", app));

        Assert.Equal("42501", refused.SqlState); // insufficient_privilege
    }

    [Fact]
    public async Task Witness_edited_deleted_or_replaced_with_an_older_copy_is_found()
    {
        await FillAsync(Store());
        string file = Witness.FileOf(0);
        string[] lines = await File.ReadAllLinesAsync(file);

        await File.WriteAllLinesAsync(file, [lines[0].Replace("\"row_count\":5", "\"row_count\":4", StringComparison.Ordinal), .. lines[1..]]);
        AuditVerification edited = await Verifier().VerifyAsync(null, default);
        await File.WriteAllLinesAsync(file, lines[..2]);
        AuditVerification older = await Verifier().VerifyAsync(null, default);
        File.Delete(file);
        AuditVerification deleted = await Verifier().VerifyAsync(null, default);

        Assert.Contains(edited.Findings, x => x.Code == AuditCodes.WitnessMismatch && x.CheckpointNumber == 1);
        Assert.Equal([3L, 4, 5], older.Findings.Where(x => x.Code == AuditCodes.WitnessMissing).Select(x => x.CheckpointNumber!.Value));
        Assert.Equal([1L, 2, 3, 4, 5], deleted.Findings.Where(x => x.Code == AuditCodes.WitnessMissing).Select(x => x.CheckpointNumber!.Value));
    }

    [Fact]
    public async Task Checkpoints_are_from_an_unknown_key_for_a_verifier_without_the_public_key()
    {
        await FillAsync(Store());
        using var other = new AuditKeyRing();
        other.AddVerificationPem(AuditSigningKeys.NewPrivateKeyPem());

        AuditVerification result = await new AuditVerifier(Database(), other, Witness).VerifyAsync(null, default);

        Assert.Equal(5, result.Findings.Count(x => x.Code == AuditCodes.CheckpointKeyUnknown));
    }

    /// <summary>
    /// Appends from 1, 2 and 4 concurrent writers, each on its own connection pool, with ChainCount = writers; every
    /// chain stays intact. Prints rows/s (docs/parts/benchmarks-audit.md); rows per writer from
    /// EcgBridge__Bench__AuditRowsPerWriter (default 100, so the test stays short).
    /// </summary>
    [Fact]
    public async Task Concurrent_writers_on_their_own_chains_keep_every_chain_intact()
    {
        int perWriter = int.TryParse(Environment.GetEnvironmentVariable("EcgBridge__Bench__AuditRowsPerWriter"), out int configured) ? configured : 100;
        long total = 0;
        foreach (int writers in (int[])[1, 2, 4])
        {
            EfAuditStore[] stores = [.. Enumerable.Range(0, writers).Select(i => Store(chainCount: 4, applicationName: $"writer{writers}-{i}", everyRows: 1000))];
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(stores.Select((store, i) => Task.Run(async () =>
            {
                for (int n = 0; n < perWriter; n++)
                {
                    await store.AcceptAsync(AuditSamples.Message($"w{writers}-{i}-{n}"), AuditSamples.Ack("AA"), default);
                }
            })));
            clock.Stop();
            total += (long)writers * perWriter;
            _output.WriteLine($"writers={writers} rows={writers * perWriter} seconds={clock.Elapsed.TotalSeconds:F2} rows_per_s={writers * perWriter / clock.Elapsed.TotalSeconds:F0}");
            await stores[0].WriteCheckpointsAsync(default);
        }

        AuditVerification result = await Verifier().VerifyAsync(null, default);

        Assert.Empty(result.Findings);
        Assert.Equal(total, result.RowsChecked);
        Assert.Equal(4, result.Chains.Count);
    }

    private AuditDatabase Database() => AuditDatabase.Create(new AuditOptions { Provider = AuditProvider.PostgreSql, ConnectionString = _db.ConnectionString, PatientIdHashKey = PostgresAuditDatabase.PatientKey });

    private EfAuditStore Store(int chainCount = 1, string applicationName = "ecgbridge-trust", int everyRows = 5)
    {
        var options = new AuditOptions
        {
            Provider = AuditProvider.PostgreSql,
            ConnectionString = new Npgsql.NpgsqlConnectionStringBuilder(_db.ConnectionString) { ApplicationName = applicationName }.ToString(),
            PatientIdHashKey = PostgresAuditDatabase.PatientKey,
            DataDirectory = _directory,
            SigningKeyPath = _keyFile,
            WitnessDirectory = Witness.Directory,
            CheckpointEveryRows = everyRows,
            ChainCount = chainCount,
        };
        return new EfAuditStore(AuditDatabase.Create(options), new PatientIdHasher(() => System.Text.Encoding.UTF8.GetBytes(PostgresAuditDatabase.PatientKey)), _db.Time, AuditCheckpointSettings.From(options));
    }

    private AuditVerifier Verifier() => new(Database(), _publicKeys, Witness);

    // 23 rows: checkpoints at 5, 10, 15, 20 and the shutdown checkpoint at 23.
    private static async Task FillAsync(EfAuditStore store)
    {
        for (int i = 0; i < Rows; i++)
        {
            await store.AcceptAsync(AuditSamples.Message("k" + i), AuditSamples.Ack("AA"), default);
        }

        await store.WriteCheckpointsAsync(default);
    }
}

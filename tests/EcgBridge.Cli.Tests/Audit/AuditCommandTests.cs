using System.Text;
using EcgBridge.Audit;
using EcgBridge.Core.Audit;
using Microsoft.Data.Sqlite;

namespace EcgBridge.Cli.Tests.Audit;

[Collection(CliRunner.CollectionName)]
public sealed class AuditCommandTests : IAsyncLifetime
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "ecgb-cli-audit-" + Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync()
    {
        AuditDatabase database = AuditDatabase.Create(new AuditOptions { DataDirectory = _dataDir });
        await database.MigrateAsync(default);
        var store = new EfAuditStore(database, new PatientIdHasher(() => Encoding.UTF8.GetBytes("cli-test-key-0123456789")), TimeProvider.System);
        for (int i = 0; i < 3; i++)
        {
            var record = new AuditRecord
            {
                DedupeKey = "key" + i,
                Channel = AuditChannel.Mllp,
                ReceivedAt = DateTimeOffset.UtcNow,
                PatientId = "PAT-" + i,
            };
            await store.AcceptAsync(record, new StoredAnswer("AA", "x-application/hl7-v2+er7", [0x4D]), default);
        }
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDir, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Intact_chain_exits_0_with_the_row_count()
    {
        CliResult result = await CliRunner.RunAsync("audit", "verify", "--data-dir", _dataDir);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            [$"warning: {AuditCodes.NoCheckpoint} chain[0] row 1 (3 rows or checkpoints)", "chain intact: 3 rows"],
            result.Out.Trim().Split('\n'));
    }

    [Fact]
    public async Task Json_output_lists_the_findings_and_the_chains()
    {
        CliResult result = await CliRunner.RunAsync("audit", "verify", "--data-dir", _dataDir, "--json", "--full");

        Assert.Equal(0, result.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(result.Out);
        Assert.True(json.RootElement.GetProperty("intact").GetBoolean());
        Assert.Equal(3, json.RootElement.GetProperty("rowsChecked").GetInt64());
        Assert.Equal(AuditCodes.NoCheckpoint, json.RootElement.GetProperty("findings")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task Repair_recreates_a_dropped_trigger_once_and_the_store_then_refuses_updates_again()
    {
        Exec("DROP TRIGGER audit_no_update;");

        CliResult repaired = await CliRunner.RunAsync("audit", "repair", "--data-dir", _dataDir);
        CliResult again = await CliRunner.RunAsync("audit", "repair", "--data-dir", _dataDir);

        Assert.Equal(0, repaired.ExitCode);
        Assert.Contains($"error: {AuditCodes.TriggerMissing} trigger audit_no_update", repaired.Out, StringComparison.Ordinal);
        Assert.Contains($"repaired: {AuditCodes.TriggerRepaired} trigger audit_no_update", repaired.Out, StringComparison.Ordinal);
        Assert.Equal(0, again.ExitCode);
        Assert.DoesNotContain("repaired:", again.Out, StringComparison.Ordinal);
        Assert.Throws<SqliteException>(() => Exec("UPDATE audit SET outcome = 'scored' WHERE seq = 2;"));
    }

    private void Exec(string sql)
    {
        using var raw = new SqliteConnection($"Data Source={AuditDatabase.SqliteFile(_dataDir)};Pooling=False");
        raw.Open();
        using SqliteCommand command = raw.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [Fact]
    public async Task Tampered_row_exits_4_and_is_named()
    {
        using (var raw = new SqliteConnection($"Data Source={AuditDatabase.SqliteFile(_dataDir)};Pooling=False"))
        {
            raw.Open();
            using SqliteCommand command = raw.CreateCommand();
            command.CommandText = "DROP TRIGGER audit_no_update; UPDATE audit SET outcome = 'scored' WHERE seq = 2;";
            command.ExecuteNonQuery();
        }

        CliResult result = await CliRunner.RunAsync("audit", "verify", "--data-dir", _dataDir);

        Assert.Equal(4, result.ExitCode);
        Assert.Equal("chain broken at row 2", result.Out.Trim().Split('\n')[^1]);
        Assert.Equal([$"broken: {AuditCodes.ChainHashMismatch} audit[seq=2]"], result.ErrorLines);
    }

    [Fact]
    public async Task Missing_database_exits_2_and_creates_nothing()
    {
        string empty = Path.Combine(_dataDir, "nothing-here");

        CliResult result = await CliRunner.RunAsync("audit", "verify", "--data-dir", empty);

        Assert.Equal(2, result.ExitCode);
        Assert.False(Directory.Exists(empty));
    }

    [Fact]
    public async Task Both_sources_at_once_is_a_usage_error()
    {
        CliResult result = await CliRunner.RunAsync("audit", "verify", "--data-dir", _dataDir, "--postgres", "Host=localhost");

        Assert.Equal(2, result.ExitCode);
    }
}

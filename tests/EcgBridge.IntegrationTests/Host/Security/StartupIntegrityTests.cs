using System.Net;
using System.Net.Http.Headers;
using EcgBridge.Audit;
using EcgBridge.TestSupport;
using Microsoft.Data.Sqlite;

namespace EcgBridge.IntegrationTests.Host.Security;

/// <summary>The service checks its audit store at start and does not run on a tampered one (issue 15).</summary>
public sealed class StartupIntegrityTests
{
    [Fact]
    public async Task A_store_whose_append_only_trigger_was_dropped_refuses_start_and_starts_only_when_told_to_repair()
    {
        string dataDir = Path.Combine(Path.GetTempPath(), "ecgbridge-it-" + Guid.NewGuid().ToString("N"));
        await using (RunningHost first = await RunningHost.StartAsync(new Dictionary<string, string?>(), dataDir: dataDir, keepDataDir: true))
        {
            Assert.Equal("AA", (await first.SendHl7Async(EcgMessages.Hl7("INTEGRITY-1", "P-INT"))).Code);
        }

        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(dataDir, "audit.db")};Pooling=False"))
        {
            await connection.OpenAsync();
            await using SqliteCommand drop = connection.CreateCommand();
            drop.CommandText = "DROP TRIGGER audit_no_update";
            await drop.ExecuteNonQueryAsync();
        }

        AuditIntegrityException refused = await Assert.ThrowsAsync<AuditIntegrityException>(
            () => RunningHost.StartAsync(new Dictionary<string, string?>(), dataDir: dataDir, keepDataDir: true));
        Assert.StartsWith("AUDIT-TRIGGER-MISSING", refused.Message, StringComparison.Ordinal);

        await using RunningHost repaired = await RunningHost.StartAsync(new Dictionary<string, string?> { ["EcgBridge:Audit:RepairOnStart"] = "true" }, dataDir: dataDir);
        repaired.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Full());
        using HttpResponseMessage ready = await repaired.Http.GetAsync(new Uri("health/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }
}

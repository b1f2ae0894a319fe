using EcgBridge.IntegrationTests.Host;
using Microsoft.Data.Sqlite;

namespace EcgBridge.IntegrationTests.Reliability;

/// <summary>
/// Embedded mode (SQLite + in-memory bus) survives a crash between AA and scoring: the spool written before the AA is
/// replayed at the next start and the message is scored exactly once.
/// </summary>
public sealed class EmbeddedSpoolCrashTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Message_AAd_before_a_kill_9_is_scored_exactly_once_after_restart()
    {
        string dataDir = Path.Combine(Path.GetTempPath(), "ecgbridge-crash-" + Guid.NewGuid().ToString("N"));
        string log = dataDir + ".log";
        int mllpPort = ServeProcess.FreePort();
        int httpPort = ServeProcess.FreePort();
        await using RecordingEhr ehr = await RecordingEhr.StartAsync();
        var settings = new Dictionary<string, string>
        {
            ["EcgBridge:Ehr:BaseUrl"] = ehr.BaseUrl,
            ["EcgBridge:Ehr:RedeliverySeconds"] = "1",
            ["EcgBridge:Ehr:PollMilliseconds"] = "100",
        };
        string controlId = "CRASH-" + Guid.NewGuid().ToString("N")[..12];
        try
        {
            // First life: scoring takes an hour (stand-in), so the process is certainly killed after the AA and before
            // any result exists.
            var slow = new Dictionary<string, string>(settings) { ["EcgBridge:Inference:StandIn"] = "fixed-cost:3600s", ["EcgBridge:Environment"] = "Test" };
            await using (ServeProcess first = await ServeProcess.StartAsync(dataDir, mllpPort, httpPort, slow, log, Deadline))
            {
                Ack ack = await SendAsync(first, EcgMessages.Hl7(controlId));
                Assert.Equal("AA", ack.Code);
                Assert.Single(Directory.GetFiles(Path.Combine(dataDir, "spool"), "*.json"));
                await first.KillHardAsync();
            }

            Assert.Equal(0, await CountAsync(dataDir, "scored"));
            Assert.Equal(1, await CountAsync(dataDir, "accepted"));

            // Second life: the real model; the spool replay must score the message without any resend.
            await using (ServeProcess second = await ServeProcess.StartAsync(dataDir, mllpPort, httpPort, settings, log, Deadline))
            {
                await Poll.UntilAsync(async () => await CountAsync(dataDir, "scored") == 1 && ehr.Creates == 1, Deadline, "replayed message scored and delivered");
                await Poll.UntilAsync(() => Task.FromResult(Directory.GetFiles(Path.Combine(dataDir, "spool"), "*.json").Length == 0), Deadline, "spool emptied");

                // A resend by the sender after the crash is answered AA again and not scored a second time.
                Ack again = await SendAsync(second, EcgMessages.Hl7(controlId));
                Assert.Equal("AA", again.Code);
            }

            Assert.Equal(1, await CountAsync(dataDir, "scored"));
            Assert.Equal(1, await CountAsync(dataDir, "accepted"));
            Assert.Equal(1, await CountAsync(dataDir, "duplicate"));
            Assert.Equal(0, await CountAsync(dataDir, "failed"));
            Assert.Equal(1, ehr.Creates);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(dataDir, recursive: true);
                File.Delete(log);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task<Ack> SendAsync(ServeProcess service, byte[] message)
    {
        await using MllpClient client = await MllpClient.ConnectAsync(service.Mllp);
        return Ack.Parse(await client.SendAsync(message));
    }

    private static async Task<long> CountAsync(string dataDir, string outcome)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDir, "audit.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM audit WHERE outcome = $outcome";
        command.Parameters.AddWithValue("$outcome", outcome);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

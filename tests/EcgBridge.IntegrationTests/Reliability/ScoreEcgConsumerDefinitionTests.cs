using System.Globalization;
using EcgBridge.IntegrationTests.Host;
using EcgBridge.Pipeline.Score;
using Npgsql;

namespace EcgBridge.IntegrationTests.Reliability;

/// <summary>
/// The scoring consumer's retry policies on real PostgreSQL and RabbitMQ: AA'd messages whose record step meets a
/// database stop longer than the quick retries wait for the database instead of going to the error queue.
/// </summary>
[Collection(nameof(ServiceFaultGroup))]
public sealed class ScoreEcgConsumerDefinitionTests
{
    private const int Messages = 6;

    // The stand-in's scoring time keeps every message in flight past the stop, so each record step meets the outage.
    private static readonly TimeSpan ScoringCost = TimeSpan.FromSeconds(4);

    // Counted from the stop, so the record steps still meet several seconds of it after scoring: far longer than the
    // quick retries configured below (one retry after 100 ms). With the quick policy handling outage faults as well,
    // MassTransit's outer retry never ran and all of them went to the error queue (this test, before the fix).
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(12);

    [Fact]
    public async Task Messages_in_flight_through_a_database_stop_longer_than_the_quick_retries_are_scored_after_it_not_parked()
    {
        string database = "ecgb_outage_" + Guid.NewGuid().ToString("N")[..12];
        await ServiceFaults.AdminAsync($"CREATE DATABASE {database}");
        string connection = new NpgsqlConnectionStringBuilder(TestEnvironment.Postgres) { Database = database }.ConnectionString;
        string prefix = "outage-" + Guid.NewGuid().ToString("N")[..8] + "-";
        string dataDir = Path.Combine(Path.GetTempPath(), "ecgbridge-outage-" + Guid.NewGuid().ToString("N"));
        string log = dataDir + ".log";
        bool passed = false;
        try
        {
            await using RecordingEhr ehr = await RecordingEhr.StartAsync();
            await using ServeProcess service = await ServeProcess.StartAsync(
                dataDir,
                ServeProcess.FreePort(),
                ServeProcess.FreePort(),
                new Dictionary<string, string>
                {
                    ["EcgBridge:Audit:ConnectionString"] = connection,
                    ["EcgBridge:Audit:PatientIdHashKey"] = "outage-test-key-0123456789",
                    ["EcgBridge:Bus:RabbitMq"] = TestEnvironment.RabbitMq,
                    ["EcgBridge:Bus:EntityPrefix"] = prefix,
                    ["EcgBridge:Bus:RetryLimit"] = "1",
                    ["EcgBridge:Bus:RetryIntervalMilliseconds"] = "100",
                    ["EcgBridge:Bus:OutageRetryIntervalSeconds"] = "1",
                    ["EcgBridge:Ehr:BaseUrl"] = ehr.BaseUrl,
                    [StandInEcgScorer.ConfigurationKey] = string.Create(CultureInfo.InvariantCulture, $"fixed-cost:{ScoringCost.TotalMilliseconds}ms"),
                    [StandInEcgScorer.EnvironmentKey] = "Test",
                },
                log,
                TimeSpan.FromMinutes(2));
            string[] controlIds = [.. Enumerable.Range(0, Messages).Select(i => "OUT-" + Guid.NewGuid().ToString("N")[..10] + i.ToString(CultureInfo.InvariantCulture))];

            Ack[] acks = await Task.WhenAll(controlIds.Select(id => SendAsync(service, EcgMessages.Hl7(id, "P-OUT"))));
            await ServiceFaults.RunAsync("pg-stop");
            DateTimeOffset stopped = DateTimeOffset.UtcNow;
            await Task.Delay(Outage);
            await ServiceFaults.RunAsync("pg-start");
            string errorQueue = prefix + "ecgbridge-score-ecg_error";
            IReadOnlyList<(string MessageId, DateTimeOffset FinishedAt)> scored = await Poll.UntilAsync(
                async () =>
                {
                    IReadOnlyList<(string, DateTimeOffset)> rows = await ScoredAsync(connection);
                    return rows.Count >= Messages || await ServiceFaults.QueueDepthAsync(errorQueue) > 0 ? rows : null;
                },
                TimeSpan.FromSeconds(90),
                "every message scored or one in the error queue");

            Assert.All(acks, ack => Assert.Equal("AA", ack.Code));
            Assert.Equal(0u, await ServiceFaults.QueueDepthAsync(errorQueue));
            Assert.Equal(controlIds.Order(StringComparer.Ordinal), scored.Select(r => r.MessageId).Order(StringComparer.Ordinal));

            // Scoring finished while the database was down, so every record step met the outage and was retried.
            Assert.All(scored, r => Assert.True(r.FinishedAt > stopped, "scored before the database stopped: the outage was not exercised"));
            passed = true;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ServiceFaults.AdminAsync($"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
            TryDelete(dataDir, passed ? log : null);
        }
    }

    private static async Task<Ack> SendAsync(ServeProcess service, byte[] message)
    {
        await using MllpClient client = await MllpClient.ConnectAsync(service.Mllp);
        return Ack.Parse(await client.SendAsync(message));
    }

    private static void TryDelete(string dataDir, string? log)
    {
        try
        {
            Directory.Delete(dataDir, recursive: true);
            if (log is not null)
            {
                File.Delete(log);
            }
        }
        catch (IOException)
        {
        }
    }

    private static async Task<IReadOnlyList<(string, DateTimeOffset)>> ScoredAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT message_id, finished_at FROM audit WHERE outcome = 'scored'", connection);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, DateTimeOffset)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1)));
        }

        return rows;
    }
}

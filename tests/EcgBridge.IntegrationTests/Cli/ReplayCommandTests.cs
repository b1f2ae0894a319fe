using System.Net;
using System.Net.Sockets;
using System.Text;
using EcgBridge.Core.Audit;
using EcgBridge.IntegrationTests.Host;
using EcgBridge.Messaging.Replay;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace EcgBridge.IntegrationTests.Cli;

/// <summary>
/// <c>ecgbridge replay</c> (the built CLI) on real RabbitMQ, and end to end with the service on real PostgreSQL: an AA'd
/// HL7 ECG whose scoring met a database fault longer than the retry budget is parked in <c>_error</c>, replayed and
/// scored exactly once, and replaying it again scores nothing more.
/// </summary>
public sealed class ReplayCommandTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Parked_AA_ECG_is_scored_exactly_once_after_replay_and_a_second_replay_scores_nothing_more()
    {
        string database = "ecgb_replay_" + Guid.NewGuid().ToString("N");
        string prefix = "replay-" + Guid.NewGuid().ToString("N")[..8] + "-";
        string queue = prefix + "ecgbridge-score-ecg";
        await ExecuteAsync(TestEnvironment.Postgres, $"CREATE DATABASE {database}");
        string connection = new NpgsqlConnectionStringBuilder(TestEnvironment.Postgres) { Database = database }.ConnectionString;
        RunningHost? host = null;
        try
        {
            // One message at a time in queue order, so a later message scored proves an earlier one was consumed.
            host = await RunningHost.StartAsync(new Dictionary<string, string?>
            {
                ["EcgBridge:Audit:ConnectionString"] = connection,
                ["EcgBridge:Audit:PatientIdHashKey"] = "replay-test-key-0123456789abcdef",
                ["EcgBridge:Bus:RabbitMq"] = TestEnvironment.RabbitMq,
                ["EcgBridge:Bus:EntityPrefix"] = prefix,
                ["EcgBridge:Bus:RetryLimit"] = "1",
                ["EcgBridge:Bus:RetryIntervalMilliseconds"] = "50",
                ["EcgBridge:Bus:OutageRetryLimit"] = "0",
                ["EcgBridge:Bus:ConcurrentMessageLimit"] = "1",
                ["EcgBridge:Bus:PrefetchCount"] = "1",
            });

            // A database fault on every result write, outlasting the (shortened) outage budget: the ECG is answered AA
            // and its ScoreEcg ends in the error queue, as in an outage longer than OutageRetryLimit × interval.
            await ExecuteAsync(connection, """
                CREATE FUNCTION replay_test_block() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'replay test fault'; END $$;
                CREATE TRIGGER replay_test_block BEFORE INSERT ON risk_assessment FOR EACH ROW EXECUTE FUNCTION replay_test_block();
                """);
            string controlId = "REPLAY-" + Guid.NewGuid().ToString("N")[..12];
            Ack ack = await host.SendHl7Async(EcgMessages.Hl7(controlId));
            Assert.Equal("AA", ack.Code);
            await Poll.UntilAsync(async () => await CountAsync(queue + "_error") == 1, Wait, "the ScoreEcg in " + queue + "_error");
            Assert.DoesNotContain(await host.AuditAsync(new AuditFilter { MessageId = controlId }), r => r.Outcome == AuditOutcome.Scored);
            Parked parked = await CopyParkedAsync(queue + "_error");

            (int dryExit, string dryOut, _) = await CliProcess.RunAsync("replay", "--rabbitmq", TestEnvironment.RabbitMq, "--queue", queue, "--dry-run");
            Assert.Equal(0, dryExit);
            Assert.Contains(parked.Properties.MessageId + " ", dryOut, StringComparison.Ordinal);
            Assert.Contains("Exception", dryOut, StringComparison.Ordinal);
            Assert.True(dryOut.Contains("replayed 0, left 1", StringComparison.Ordinal), dryOut);

            // The database is back: the operator replays.
            await ExecuteAsync(connection, "DROP TRIGGER replay_test_block ON risk_assessment; DROP FUNCTION replay_test_block();");
            (int exit, string output, string error) = await CliProcess.RunAsync("replay", "--rabbitmq", TestEnvironment.RabbitMq, "--queue", queue);
            Assert.True(exit == 0, error);
            Assert.Contains("replayed 1, left 0", output, StringComparison.Ordinal);

            AuditEntry scored = await Poll.UntilAsync(
                async () => (await host.AuditAsync(new AuditFilter { MessageId = controlId })).FirstOrDefault(r => r.Outcome == AuditOutcome.Scored),
                Wait,
                "the replayed ECG scored");
            Assert.Equal(0, await CountAsync(queue + "_error"));

            // The same message parked again (an operator replaying twice, or a crash between publish and ack).
            await PublishAsync(queue + "_error", parked);
            (int againExit, string againOut, string againError) = await CliProcess.RunAsync("replay", "--rabbitmq", TestEnvironment.RabbitMq, "--queue", queue);
            Assert.True(againExit == 0, againError);
            Assert.Contains("replayed 1, left 0", againOut, StringComparison.Ordinal);
            string sentinel = "REPLAY-AFTER-" + Guid.NewGuid().ToString("N")[..12];
            Assert.Equal("AA", (await host.SendHl7Async(EcgMessages.Hl7(sentinel, "P-9"))).Code);
            await Poll.UntilAsync(
                async () => (await host.AuditAsync(new AuditFilter { MessageId = sentinel })).Any(r => r.Outcome == AuditOutcome.Scored),
                Wait,
                "the message sent after the duplicate scored");

            Assert.Single(await host.AuditAsync(new AuditFilter { DedupeKey = scored.DedupeKey }), r => r.Outcome == AuditOutcome.Scored);
            Assert.Equal(1L, await RiskAssessmentCountAsync(connection, scored.DedupeKey));
            Assert.Equal(0, await CountAsync(queue + "_error"));
        }
        finally
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }

            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(TestEnvironment.Postgres, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }
    }

    [Fact]
    public async Task Dry_run_lists_ids_and_fault_types_and_leaves_the_error_queue_unchanged()
    {
        string queue = await DeclarePairAsync();
        Parked first = Faulted("first");
        Parked second = Faulted("second");
        await PublishAsync(queue + "_error", first);
        await PublishAsync(queue + "_error", second);

        (int exit, string output, _) = await CliProcess.RunAsync("replay", "--rabbitmq", TestEnvironment.RabbitMq, "--queue", queue, "--dry-run");

        Assert.Equal(0, exit);
        Assert.Contains(first.Properties.MessageId + " Npgsql.NpgsqlException", output, StringComparison.Ordinal);
        Assert.Contains(second.Properties.MessageId + " Npgsql.NpgsqlException", output, StringComparison.Ordinal);
        Assert.Contains("replayed 0, left 2", output, StringComparison.Ordinal);
        Assert.DoesNotContain("connection refused at", output, StringComparison.Ordinal);
        Assert.DoesNotContain("PID|", output, StringComparison.Ordinal);
        Assert.Equal(2, await CountAsync(queue + "_error"));
        Assert.Equal(0, await CountAsync(queue));
    }

    [Fact]
    public async Task Replay_moves_body_and_ids_back_without_fault_headers_and_marks_the_replay()
    {
        string queue = await DeclarePairAsync();
        Parked parked = Faulted("moved");
        await PublishAsync(queue + "_error", parked);
        await PublishAsync(queue + "_error", Faulted("stays"));

        (int exit, string output, string error) = await CliProcess.RunAsync("replay", "--rabbitmq", TestEnvironment.RabbitMq, "--queue", queue, "--max", "1");

        Assert.True(exit == 0, error);
        Assert.Contains("replayed 1, left 1", output, StringComparison.Ordinal);
        Parked moved = await CopyParkedAsync(queue);
        Assert.Equal(parked.Body, moved.Body);
        Assert.Equal(parked.Properties.MessageId, moved.Properties.MessageId);
        Assert.Equal(parked.Properties.CorrelationId, moved.Properties.CorrelationId);
        Assert.Equal(parked.Properties.ContentType, moved.Properties.ContentType);
        Assert.Equal(DeliveryModes.Persistent, moved.Properties.DeliveryMode);
        IDictionary<string, object?> headers = moved.Properties.Headers!;
        Assert.DoesNotContain(headers.Keys, k => k.StartsWith("MT-Fault-", StringComparison.Ordinal) || k == "MT-Reason");
        Assert.True(headers.ContainsKey(ErrorQueueReplayer.ReplayedAtHeader), "the replay is marked");
        Assert.True(headers.ContainsKey("MT-Host-MachineName"), "other headers are kept");
    }

    [Fact]
    public async Task Unreachable_broker_exits_5_with_its_code()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        (int exit, _, string error) = await CliProcess.RunAsync("replay", "--rabbitmq", $"amqp://guest:guest@127.0.0.1:{port}/");

        Assert.Equal(5, exit);
        Assert.Contains(ReplayCodes.BrokerUnreachable + " 127.0.0.1:" + port, error, StringComparison.Ordinal);
        Assert.DoesNotContain("guest", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejected_credentials_exit_5_as_unreachable_without_echoing_them()
    {
        var address = new UriBuilder(TestEnvironment.RabbitMq) { UserName = "replay-nobody", Password = "replay-wrong-secret" };

        (int exit, _, string error) = await CliProcess.RunAsync("replay", "--rabbitmq", address.Uri.ToString());

        Assert.Equal(5, exit);
        Assert.Contains(ReplayCodes.BrokerUnreachable + " " + address.Host + ":" + address.Port, error, StringComparison.Ordinal);
        Assert.DoesNotContain("replay-wrong-secret", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_error_queue_exits_5_naming_the_queue()
    {
        string queue = "replay-absent-" + Guid.NewGuid().ToString("N")[..8];

        (int exit, _, string error) = await CliProcess.RunAsync("replay", "--rabbitmq", TestEnvironment.RabbitMq, "--queue", queue);

        Assert.Equal(5, exit);
        Assert.Contains(ReplayCodes.QueueMissing + " " + queue + "_error", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not a uri")]
    [InlineData("http://localhost:5672/")]
    public async Task Address_that_is_not_amqp_is_a_usage_error(string address)
    {
        (int exit, _, _) = await CliProcess.RunAsync("replay", "--rabbitmq", address);

        Assert.Equal(2, exit);
    }

    /// <summary>A parked message as MassTransit's error transport leaves it: fault headers beside the kept ones.</summary>
    private static Parked Faulted(string label)
    {
        var properties = new BasicProperties
        {
            ContentType = "application/vnd.masstransit+json",
            MessageId = Guid.NewGuid().ToString(),
            CorrelationId = Guid.NewGuid().ToString(),
            DeliveryMode = DeliveryModes.Persistent,
            Headers = new Dictionary<string, object?>
            {
                ["MT-Reason"] = "fault",
                ["MT-Fault-ExceptionType"] = "Npgsql.NpgsqlException",
                ["MT-Fault-Message"] = "connection refused at " + label,
                ["MT-Fault-StackTrace"] = "at Npgsql.Connector",
                ["MT-Fault-RetryCount"] = 1,
                ["MT-Host-MachineName"] = "test",
            },
        };
        return new Parked(properties, Encoding.UTF8.GetBytes("{\"message\":{\"payload\":\"MSH|PID|" + label + "\"}}"));
    }

    /// <summary>A score queue and its error queue under a fresh name, with no consumer.</summary>
    private static async Task<string> DeclarePairAsync()
    {
        string queue = "replay-" + Guid.NewGuid().ToString("N")[..8];
        await using IConnection connection = await Factory().CreateConnectionAsync();
        await using IChannel channel = await connection.CreateChannelAsync();
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        await channel.QueueDeclareAsync(queue + "_error", durable: true, exclusive: false, autoDelete: false);
        return queue;
    }

    private static async Task PublishAsync(string queue, Parked message)
    {
        await using IConnection connection = await Factory().CreateConnectionAsync();
        await using IChannel channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await channel.BasicPublishAsync("", queue, mandatory: true, message.Properties, message.Body);
    }

    /// <summary>A copy of the first message of <paramref name="queue"/>, which stays there (returned unacked on close).</summary>
    private static async Task<Parked> CopyParkedAsync(string queue)
    {
        await using IConnection connection = await Factory().CreateConnectionAsync();
        await using IChannel channel = await connection.CreateChannelAsync();
        BasicGetResult got = await Poll.UntilAsync(async () => await channel.BasicGetAsync(queue, autoAck: false), Wait, "a message in " + queue);
        var properties = new BasicProperties(got.BasicProperties);
        return new Parked(properties, got.Body.ToArray());
    }

    /// <summary>Ready messages of <paramref name="queue"/>; -1 while it is not declared yet (MassTransit declares it at the first fault).</summary>
    private static async Task<long> CountAsync(string queue)
    {
        try
        {
            await using IConnection connection = await Factory().CreateConnectionAsync();
            await using IChannel channel = await connection.CreateChannelAsync();
            return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
        }
        catch (OperationInterruptedException)
        {
            return -1;
        }
    }

    private static ConnectionFactory Factory() => new() { Uri = new Uri(TestEnvironment.RabbitMq) };

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> RiskAssessmentCountAsync(string connectionString, string dedupeKey)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM risk_assessment WHERE dedupe_key = @key", connection);
        command.Parameters.AddWithValue("key", dedupeKey);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private sealed record Parked(BasicProperties Properties, byte[] Body);
}

using System.Text;
using System.Threading.Channels;
using EcgBridge.Core.Audit;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace EcgBridge.IntegrationTests.Host.Amqp;

/// <summary>
/// A non-MassTransit producer (RabbitMQ.Client, as Mirth or Rhapsody publish) sends raw HL7 v2 and FHIR bodies to the
/// <c>ecgbridge.ingest</c> exchange on real RabbitMQ; answers come back on its reply queue with its correlation id.
/// </summary>
public sealed class AmqpIngestServiceTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private readonly string _prefix = "amqp-" + Guid.NewGuid().ToString("N")[..8] + "-";
    private readonly string _database = "ecgb_amqp_" + Guid.NewGuid().ToString("N")[..12];
    private RunningHost _host = null!;
    private IConnection _connection = null!;
    private IChannel _channel = null!;
    private string _replyQueue = "";
    private readonly Channel<BasicDeliverEventArgs> _replies = Channel.CreateUnbounded<BasicDeliverEventArgs>();

    public async Task InitializeAsync()
    {
        await AdminAsync($"CREATE DATABASE {_database}");
        _host = await RunningHost.StartAsync(new Dictionary<string, string?>
        {
            ["EcgBridge:Audit:ConnectionString"] = new NpgsqlConnectionStringBuilder(TestEnvironment.Postgres) { Database = _database }.ConnectionString,
            ["EcgBridge:Audit:PatientIdHashKey"] = "integration-test-key-0123456789",
            ["EcgBridge:Bus:RabbitMq"] = TestEnvironment.RabbitMq,
            ["EcgBridge:Bus:EntityPrefix"] = _prefix,
        });
        _connection = await new ConnectionFactory { Uri = new Uri(TestEnvironment.RabbitMq) }.CreateConnectionAsync();
        _channel = await _connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        _replyQueue = (await _channel.QueueDeclareAsync()).QueueName;
        var consumer = new AsyncEventingBasicConsumer(_channel);
        // RabbitMQ.Client reuses the body buffer once the handler returns: keep a copy for the assertions.
        consumer.ReceivedAsync += async (_, delivery) => await _replies.Writer.WriteAsync(new BasicDeliverEventArgs(
            delivery.ConsumerTag, delivery.DeliveryTag, delivery.Redelivered, delivery.Exchange, delivery.RoutingKey,
            delivery.BasicProperties, delivery.Body.ToArray()));
        await _channel.BasicConsumeAsync(_replyQueue, autoAck: true, consumer);

        // The service declares and binds the queue after start; wait until it consumes before publishing (mandatory routing).
        await Poll.UntilAsync(
            async () =>
            {
                await using IChannel probe = await _connection.CreateChannelAsync();
                try
                {
                    // The service binds the queue before it starts consuming: a consumer means the route exists.
                    return (await probe.QueueDeclarePassiveAsync(_prefix + "ecgbridge.ingest")).ConsumerCount > 0;
                }
                catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
                {
                    return false;
                }
            },
            Deadline,
            "ingest queue consumed");
    }

    [Fact]
    public async Task Raw_HL7_body_is_answered_AA_on_reply_to_with_the_correlation_id_and_scored_once()
    {
        string controlId = "AMQP-" + Guid.NewGuid().ToString("N")[..12];
        byte[] message = EcgMessages.Hl7(controlId);

        BasicDeliverEventArgs first = await PublishAsync(message, "x-application/hl7-v2+er7", "corr-1");
        BasicDeliverEventArgs second = await PublishAsync(message, "x-application/hl7-v2+er7", "corr-2");

        Assert.Equal("corr-1", first.BasicProperties.CorrelationId);
        Assert.Equal("corr-2", second.BasicProperties.CorrelationId);
        Ack ack = Ack.Parse(Encoding.UTF8.GetString(first.Body.Span));
        Assert.Equal("AA", ack.Code);
        Assert.Equal(controlId, ack.ControlId);
        Assert.Equal(first.Body.ToArray(), second.Body.ToArray());
        await Poll.UntilAsync(async () => (await _host.AuditAsync(new AuditFilter { MessageId = controlId, Outcome = AuditOutcome.Scored })).Count == 1, Deadline, "scored");
        IReadOnlyList<AuditEntry> rows = await _host.AuditAsync(new AuditFilter { MessageId = controlId });
        Assert.All(rows, r => Assert.Equal(AuditChannel.Amqp, r.Channel));
        Assert.Single(rows, r => r.Outcome == AuditOutcome.Scored);
        Assert.Single(rows, r => r.Outcome == AuditOutcome.Duplicate);
    }

    [Fact]
    public async Task Raw_HL7_body_that_is_not_an_ECG_is_answered_AR_on_reply_to_and_audited()
    {
        string controlId = "AMQP-ADT-" + Guid.NewGuid().ToString("N")[..8];
        byte[] message = Encoding.ASCII.GetBytes($"MSH|^~\\&|ENGINE|ED|EcgBridge||20261123083000||ADT^A01^ADT_A01|{controlId}|P|2.6\rPID|1||P-9^^^urn:test:mrn\r");

        BasicDeliverEventArgs reply = await PublishAsync(message, "x-application/hl7-v2+er7", "corr-adt");

        Ack ack = Ack.Parse(Encoding.UTF8.GetString(reply.Body.Span));
        Assert.Equal("AR", ack.Code);
        Assert.NotEmpty(ack.ErrorSegments);
        AuditEntry row = Assert.Single(await _host.AuditAsync(new AuditFilter { MessageId = controlId }));
        Assert.Equal(AuditOutcome.Rejected, row.Outcome);
        Assert.Equal(AuditChannel.Amqp, row.Channel);
    }

    [Fact]
    public async Task FHIR_Observation_JSON_body_is_answered_201_on_reply_to_and_scored()
    {
        string identifier = "amqp-obs-" + Guid.NewGuid().ToString("N")[..8];
        byte[] body = Encoding.UTF8.GetBytes(EcgMessages.FhirObservationJson(identifier, "P-3"));

        BasicDeliverEventArgs reply = await PublishAsync(body, "application/fhir+json", "corr-fhir");

        Assert.Equal("corr-fhir", reply.BasicProperties.CorrelationId);
        Assert.Equal("201", Encoding.UTF8.GetString((byte[])reply.BasicProperties.Headers!["ecgbridge-answer"]!));
        await Poll.UntilAsync(
            async () => (await _host.AuditAsync(new AuditFilter { Outcome = AuditOutcome.Scored })).Any(r => r.Channel == AuditChannel.Amqp && r.DedupeKey.Contains(identifier, StringComparison.Ordinal)),
            Deadline,
            "FHIR message scored");
    }

    private async Task<BasicDeliverEventArgs> PublishAsync(byte[] body, string contentType, string correlationId)
    {
        var properties = new BasicProperties
        {
            ContentType = contentType,
            CorrelationId = correlationId,
            ReplyTo = _replyQueue,
            DeliveryMode = DeliveryModes.Persistent,
        };
        await _channel.BasicPublishAsync(_prefix + "ecgbridge.ingest", "ecg", mandatory: true, properties, body);
        using var timeout = new CancellationTokenSource(Deadline);
        while (true)
        {
            BasicDeliverEventArgs reply = await _replies.Reader.ReadAsync(timeout.Token);
            if (reply.BasicProperties.CorrelationId == correlationId)
            {
                return reply;
            }

            await _replies.Writer.WriteAsync(reply, timeout.Token);
        }
    }

    public async Task DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
        await _host.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await AdminAsync($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)");
    }

    private static async Task AdminAsync(string sql)
    {
        await using var admin = new NpgsqlConnection(TestEnvironment.Postgres);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
    }
}

using Npgsql;
using RabbitMQ.Client;

namespace EcgBridge.IntegrationTests;

public class ServicesTests
{
    [Fact]
    public async Task PostgreSQL_answers_a_query()
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.Postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select current_setting('server_version_num')::int", connection);
        object? version = await command.ExecuteScalarAsync();
        Assert.True(Convert.ToInt32(version, System.Globalization.CultureInfo.InvariantCulture) >= 150000);
    }

    [Fact]
    public async Task RabbitMQ_round_trips_a_message_through_a_durable_queue()
    {
        var factory = new ConnectionFactory { Uri = new Uri(TestEnvironment.RabbitMq) };
        await using IConnection connection = await factory.CreateConnectionAsync();
        await using IChannel channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        string queue = "ecgbridge-test-" + Guid.NewGuid().ToString("N");
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: true);
        byte[] body = "ping"u8.ToArray();
        await channel.BasicPublishAsync(exchange: "", routingKey: queue, mandatory: true, basicProperties: new BasicProperties { Persistent = true }, body: body);
        BasicGetResult? got = await channel.BasicGetAsync(queue, autoAck: true);
        Assert.NotNull(got);
        Assert.Equal(body, got.Body.ToArray());
    }
}

using Npgsql;

namespace EcgBridge.IntegrationTests.Host;

/// <summary>
/// One service on real PostgreSQL (a fresh database per test class) and RabbitMQ (exchanges and queue under a fresh
/// prefix), delivering to a <see cref="RecordingEhr"/>.
/// </summary>
public sealed class ServiceFixture : IAsyncLifetime
{
    private string _database = "";

    internal RecordingEhr Ehr { get; private set; } = null!;

    internal RunningHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _database = "ecgb_it_" + Guid.NewGuid().ToString("N");
        await using (var admin = new NpgsqlConnection(TestEnvironment.Postgres))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {_database}", admin);
            await create.ExecuteNonQueryAsync();
        }

        var connection = new NpgsqlConnectionStringBuilder(TestEnvironment.Postgres) { Database = _database };
        Ehr = await RecordingEhr.StartAsync();
        Host = await RunningHost.StartAsync(new Dictionary<string, string?>
        {
            ["EcgBridge:Audit:ConnectionString"] = connection.ConnectionString,
            ["EcgBridge:Audit:PatientIdHashKey"] = "integration-test-key-0123456789",
            ["EcgBridge:Bus:RabbitMq"] = TestEnvironment.RabbitMq,
            ["EcgBridge:Bus:EntityPrefix"] = "it-" + Guid.NewGuid().ToString("N")[..8] + "-",
            ["EcgBridge:Ehr:BaseUrl"] = Ehr.BaseUrl,
        });
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Ehr.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(TestEnvironment.Postgres);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}

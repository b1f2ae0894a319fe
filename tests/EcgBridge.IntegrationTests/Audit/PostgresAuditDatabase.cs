using EcgBridge.Audit;
using Npgsql;

namespace EcgBridge.IntegrationTests.Audit;

/// <summary>A migrated audit database of its own (<c>ecgb_&lt;guid&gt;</c>) on the test server, dropped on dispose.</summary>
public sealed class PostgresAuditDatabase : IAsyncDisposable
{
    public const string PatientKey = "test-key-0123456789abcdef";

    private PostgresAuditDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    /// <summary>Superuser connection to this database.</summary>
    public string ConnectionString { get; }

    public ManualTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    public static async Task<PostgresAuditDatabase> CreateAsync()
    {
        string name = "ecgb_" + Guid.NewGuid().ToString("N");
        await using (var admin = new NpgsqlConnection(TestEnvironment.Postgres))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }

        string connectionString = new NpgsqlConnectionStringBuilder(TestEnvironment.Postgres) { Database = name }.ToString();
        var database = new PostgresAuditDatabase(name, connectionString);
        await AuditDatabase.Create(Options(connectionString)).MigrateAsync(CancellationToken.None);
        return database;
    }

    /// <summary>
    /// A store over this database. <paramref name="applicationName"/> gives it a connection pool of its own, as another
    /// process would have; <paramref name="connectionString"/> connects as another role.
    /// </summary>
    public EfAuditStore CreateStore(string applicationName = "ecgbridge-test", string? connectionString = null)
    {
        string cs = new NpgsqlConnectionStringBuilder(connectionString ?? ConnectionString) { ApplicationName = applicationName }.ToString();
        return new EfAuditStore(
            AuditDatabase.Create(Options(cs)),
            new PatientIdHasher(() => System.Text.Encoding.UTF8.GetBytes(PatientKey)),
            Time);
    }

    /// <summary>A login role that is a member of the migration's application role, and its connection string.</summary>
    public async Task<string> CreateAppLoginAsync()
    {
        string login = "app_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync($"CREATE ROLE {login} LOGIN PASSWORD 'app' IN ROLE ecgbridge_app");
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Username = login, Password = "app" }.ToString();
    }

    public async Task<int> ExecuteAsync(string sql, string? connectionString = null)
    {
        await using var connection = new NpgsqlConnection(connectionString ?? ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync();
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(TestEnvironment.Postgres);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    private static AuditOptions Options(string connectionString) => new()
    {
        Provider = AuditProvider.PostgreSql,
        ConnectionString = connectionString,
        PatientIdHashKey = PatientKey,
    };
}

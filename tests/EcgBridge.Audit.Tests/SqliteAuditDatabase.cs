using Microsoft.Data.Sqlite;

namespace EcgBridge.Audit.Tests;

/// <summary>A migrated audit database in a fresh temp directory, deleted on dispose.</summary>
public sealed class SqliteAuditDatabase : IAsyncDisposable
{
    public const string PatientKey = "test-key-0123456789abcdef";

    private SqliteAuditDatabase(string directory, AuditDatabase database)
    {
        Directory = directory;
        Database = database;
    }

    public string Directory { get; }

    public AuditDatabase Database { get; }

    public string File => AuditDatabase.SqliteFile(Directory);

    public ManualTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    public static async Task<SqliteAuditDatabase> CreateAsync()
    {
        string directory = Path.Combine(Path.GetTempPath(), "ecgb-audit-" + Guid.NewGuid().ToString("N"));
        AuditDatabase database = AuditDatabase.Create(new AuditOptions { DataDirectory = directory });
        await database.MigrateAsync(CancellationToken.None);
        return new SqliteAuditDatabase(directory, database);
    }

    /// <summary>A store over this file; each call is a separate connection pool, like another process.</summary>
    public EfAuditStore CreateStore() =>
        new(AuditDatabase.Create(new AuditOptions { DataDirectory = Directory }), new PatientIdHasher(() => System.Text.Encoding.UTF8.GetBytes(PatientKey)), Time);

    /// <summary>A raw connection, as someone with file access would have.</summary>
    public SqliteConnection OpenRaw()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = File, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(Directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}

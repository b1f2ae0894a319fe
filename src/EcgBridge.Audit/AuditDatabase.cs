using EcgBridge.Audit.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace EcgBridge.Audit;

/// <summary>One configured audit database: creates contexts for its provider and applies its migrations.</summary>
public sealed class AuditDatabase
{
    private readonly DbContextOptions<PostgresAuditDbContext>? _postgres;
    private readonly DbContextOptions<SqliteAuditDbContext>? _sqlite;

    private AuditDatabase(AuditProvider provider, string connectionString)
    {
        Provider = provider;
        ConnectionString = connectionString;
        if (provider == AuditProvider.PostgreSql)
        {
            _postgres = new DbContextOptionsBuilder<PostgresAuditDbContext>().UseNpgsql(connectionString).Options;
        }
        else
        {
            _sqlite = new DbContextOptionsBuilder<SqliteAuditDbContext>().UseSqlite(connectionString).Options;
            SqliteWriteGate = new SemaphoreSlim(1, 1);
        }
    }

    public AuditProvider Provider { get; }

    /// <summary>
    /// SQLite: writers of this process queue here instead of polling SQLite's busy lock with sleeps (other processes
    /// still meet the file lock and its busy timeout). Null for PostgreSQL.
    /// </summary>
    internal SemaphoreSlim? SqliteWriteGate { get; }

    public string ConnectionString { get; }

    /// <summary>The embedded database file for a data directory.</summary>
    public static string SqliteFile(string dataDirectory) => Path.Combine(Path.GetFullPath(dataDirectory), "audit.db");

    /// <summary>Builds the database for validated options (the SQLite default lives under the data directory).</summary>
    public static AuditDatabase Create(AuditOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Provider == AuditProvider.PostgreSql)
        {
            return new AuditDatabase(AuditProvider.PostgreSql, options.ConnectionString!);
        }

        string connectionString = options.ConnectionString is { Length: > 0 } configured
            ? configured
            : new SqliteConnectionStringBuilder
            {
                DataSource = SqliteFile(options.DataDirectory),
                Pooling = true,

                // Writers queue on SQLite's single write lock; Microsoft.Data.Sqlite retries a busy database this long.
                DefaultTimeout = 60,
            }.ToString();
        return new AuditDatabase(AuditProvider.Sqlite, connectionString);
    }

    /// <summary>A new context; the caller disposes it.</summary>
    public AuditDbContext CreateContext() =>
        _postgres is not null ? new PostgresAuditDbContext(_postgres) : new SqliteAuditDbContext(_sqlite!);

    /// <summary>Applies pending migrations (schema, append-only triggers, PostgreSQL application role).</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        if (Provider == AuditProvider.Sqlite)
        {
            var builder = new SqliteConnectionStringBuilder(ConnectionString);
            if (builder.DataSource is { Length: > 0 } file && !file.Equals(":memory:", StringComparison.Ordinal))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
            }
        }

        await using AuditDbContext db = CreateContext();
        await db.Database.MigrateAsync(cancellationToken);
        if (Provider == AuditProvider.Sqlite)
        {
            // WAL lets compliance reads run beside the single writer; the setting is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    /// <summary>
    /// Migrations this build knows that the database has not applied (an older database than the binary: the tools
    /// read it only after <c>serve</c>, which migrates at start, has run against it).
    /// </summary>
    public async Task<IReadOnlyList<string>> PendingMigrationsAsync(CancellationToken cancellationToken)
    {
        await using AuditDbContext db = CreateContext();
        return [.. await db.Database.GetPendingMigrationsAsync(cancellationToken)];
    }

    /// <summary>True when the database exists and has the audit table (verification must not create one).</summary>
    public async Task<bool> HasAuditTableAsync(CancellationToken cancellationToken)
    {
        if (Provider == AuditProvider.Sqlite)
        {
            var builder = new SqliteConnectionStringBuilder(ConnectionString);
            if (!File.Exists(builder.DataSource))
            {
                return false;
            }
        }

        await using AuditDbContext db = CreateContext();
        if (!await db.Database.CanConnectAsync(cancellationToken))
        {
            return false;
        }

        string sql = Provider == AuditProvider.PostgreSql
            ? "SELECT count(*)::int AS \"Value\" FROM information_schema.tables WHERE table_name = 'audit'"
            : "SELECT count(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = 'audit'";
        int count = await db.Database.SqlQueryRaw<int>(sql).SingleAsync(cancellationToken);
        return count > 0;
    }
}

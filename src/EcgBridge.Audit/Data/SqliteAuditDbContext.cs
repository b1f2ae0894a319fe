using Microsoft.EntityFrameworkCore;

namespace EcgBridge.Audit.Data;

/// <summary>The audit model on SQLite, the embedded default (migrations in Migrations/Sqlite).</summary>
public sealed class SqliteAuditDbContext : AuditDbContext
{
    public SqliteAuditDbContext(DbContextOptions<SqliteAuditDbContext> options)
        : base(options)
    {
    }

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // SQLite cannot compare or order DateTimeOffset text server-side; integer microseconds since the Unix epoch
        // compare correctly and keep exactly the precision the hash chain uses.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UnixMicrosecondsConverter>();
    }
}

using Microsoft.EntityFrameworkCore;

namespace EcgBridge.Audit.Data;

/// <summary>The audit model on PostgreSQL, the system of record (migrations in Migrations/PostgreSql).</summary>
public sealed class PostgresAuditDbContext : AuditDbContext
{
    public PostgresAuditDbContext(DbContextOptions<PostgresAuditDbContext> options)
        : base(options)
    {
    }
}

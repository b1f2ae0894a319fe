using EcgBridge.Audit.Data;
using EcgBridge.Core.Audit;
using Microsoft.EntityFrameworkCore;

namespace EcgBridge.Audit;

/// <summary>
/// Start-up self-check of the audit database: append-only triggers present, (PostgreSQL) the application role limited to
/// INSERT/SELECT on audit tables, and each chain head at or beyond its newest checkpoint with the checkpoint's hash.
/// Recreates missing triggers only when asked (<c>repair</c>), which needs the owner role.
/// </summary>
public sealed class AuditIntegrity
{
    private static readonly string[] AppendOnlyTables = ["audit", "audit_checkpoint"];

    private readonly AuditDatabase _database;

    public AuditIntegrity(AuditDatabase database) => _database = database;

    /// <summary>Runs the checks; findings carry <see cref="AuditCodes"/> codes (an empty list: all good).</summary>
    public async Task<IReadOnlyList<AuditFinding>> CheckAsync(bool repair, CancellationToken cancellationToken)
    {
        var findings = new List<AuditFinding>();
        await using AuditDbContext db = _database.CreateContext();
        if (_database.Provider == AuditProvider.Sqlite)
        {
            await CheckSqliteTriggersAsync(db, repair, findings, cancellationToken);
        }
        else
        {
            await CheckPostgresTriggersAsync(db, repair, findings, cancellationToken);
            await CheckPostgresGrantsAsync(db, findings, cancellationToken);
        }

        await CheckHeadsAsync(db, findings, cancellationToken);
        return findings;
    }

    private static async Task CheckSqliteTriggersAsync(AuditDbContext db, bool repair, List<AuditFinding> findings, CancellationToken cancellationToken)
    {
        List<string> present = await db.Database
            .SqlQueryRaw<string>("SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'trigger'")
            .ToListAsync(cancellationToken);
        foreach ((string name, string create) in AuditSchemaSql.SqliteTriggers)
        {
            if (present.Contains(name, StringComparer.Ordinal))
            {
                continue;
            }

            findings.Add(new AuditFinding(AuditCodes.TriggerMissing, AuditFindingSeverity.Error, 0, null, null, null, Location: "trigger " + name));
            if (repair)
            {
                await db.Database.ExecuteSqlRawAsync(create, cancellationToken);
                findings.Add(new AuditFinding(AuditCodes.TriggerRepaired, AuditFindingSeverity.Info, 0, null, null, null, Location: "trigger " + name));
            }
        }
    }

    private static async Task CheckPostgresTriggersAsync(AuditDbContext db, bool repair, List<AuditFinding> findings, CancellationToken cancellationToken)
    {
        // Disabled triggers (tgenabled = 'D') protect nothing: they count as missing.
        List<string> present = await db.Database
            .SqlQueryRaw<string>("SELECT tgname::text AS \"Value\" FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'D'")
            .ToListAsync(cancellationToken);
        bool functionCreated = false;
        foreach ((string name, string drop, string create) in AuditSchemaSql.PostgresTriggers)
        {
            if (present.Contains(name, StringComparer.Ordinal))
            {
                continue;
            }

            findings.Add(new AuditFinding(AuditCodes.TriggerMissing, AuditFindingSeverity.Error, 0, null, null, null, Location: "trigger " + name));
            if (repair)
            {
                if (!functionCreated)
                {
                    await db.Database.ExecuteSqlRawAsync(AuditSchemaSql.PostgresRefuseFunction, cancellationToken);
                    functionCreated = true;
                }

                // A disabled trigger is dropped and recreated enabled.
                await db.Database.ExecuteSqlRawAsync(drop, cancellationToken);
                await db.Database.ExecuteSqlRawAsync(create, cancellationToken);
                findings.Add(new AuditFinding(AuditCodes.TriggerRepaired, AuditFindingSeverity.Info, 0, null, null, null, Location: "trigger " + name));
            }
        }
    }

    private static async Task CheckPostgresGrantsAsync(AuditDbContext db, List<AuditFinding> findings, CancellationToken cancellationToken)
    {
        string role = AuditSchemaSql.PostgresAppRole;
        bool roleExists = await db.Database
            .SqlQuery<bool>($"SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = {role}) AS \"Value\"")
            .SingleAsync(cancellationToken);
        if (!roleExists)
        {
            findings.Add(new AuditFinding(AuditCodes.GrantMissing, AuditFindingSeverity.Error, 0, null, null, null, Location: "role " + role));
            return;
        }

        foreach (string table in AppendOnlyTables)
        {
            foreach (string privilege in (string[])["UPDATE", "DELETE", "TRUNCATE"])
            {
                if (await HasPrivilegeAsync(db, role, table, privilege, cancellationToken))
                {
                    findings.Add(new AuditFinding(AuditCodes.GrantTooWide, AuditFindingSeverity.Error, 0, null, null, null, Location: privilege + " ON " + table));
                }
            }

            foreach (string privilege in (string[])["INSERT", "SELECT"])
            {
                if (!await HasPrivilegeAsync(db, role, table, privilege, cancellationToken))
                {
                    findings.Add(new AuditFinding(AuditCodes.GrantMissing, AuditFindingSeverity.Error, 0, null, null, null, Location: privilege + " ON " + table));
                }
            }
        }
    }

    private static Task<bool> HasPrivilegeAsync(AuditDbContext db, string role, string table, string privilege, CancellationToken cancellationToken) =>
        db.Database
            .SqlQuery<bool>($"SELECT has_table_privilege({role}, {table}, {privilege}) AS \"Value\"")
            .SingleAsync(cancellationToken);

    // Each chain's head must reach its newest checkpoint and hold the checkpoint's hash at that count.
    private static async Task CheckHeadsAsync(AuditDbContext db, List<AuditFinding> findings, CancellationToken cancellationToken)
    {
        List<AuditCheckpointRow> newest = await db.Checkpoints.AsNoTracking()
            .Where(x => x.Number == db.Checkpoints.Where(y => y.ChainId == x.ChainId).Max(y => y.Number))
            .ToListAsync(cancellationToken);
        foreach (AuditCheckpointRow checkpoint in newest)
        {
            var row = await db.Audit.AsNoTracking()
                .Where(x => x.ChainId == checkpoint.ChainId && x.ChainSeq == checkpoint.RowCount)
                .Select(x => new { x.Seq, x.Hash })
                .SingleOrDefaultAsync(cancellationToken);
            if (row is null)
            {
                long head = await db.Audit.AsNoTracking().Where(x => x.ChainId == checkpoint.ChainId).MaxAsync(x => (long?)x.ChainSeq, cancellationToken) ?? 0;
                findings.Add(new AuditFinding(AuditCodes.ChainTruncated, AuditFindingSeverity.Error, checkpoint.ChainId, null, head + 1, checkpoint.Number));
            }
            else if (!string.Equals(row.Hash, checkpoint.HeadHash, StringComparison.Ordinal))
            {
                findings.Add(new AuditFinding(AuditCodes.ChainRehashed, AuditFindingSeverity.Error, checkpoint.ChainId, row.Seq, checkpoint.RowCount, checkpoint.Number));
            }
        }
    }
}

using System.CommandLine;
using EcgBridge.Audit;
using EcgBridge.Core.Audit;

namespace EcgBridge.Cli.Commands;

/// <summary>
/// <c>ecgbridge audit verify [--data-dir &lt;dir&gt; | --postgres &lt;connection string&gt;]</c>: recomputes the audit hash
/// chain; exit 0 intact, 4 broken (naming the first broken row), 2 when there is no audit database there.
/// <c>ecgbridge audit migrate</c> applies the migrations (run it as the owner role when the service runs as the
/// restricted application role with migration on start turned off).
/// </summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var dataDir = new Option<string?>("--data-dir")
        {
            Description = "Data directory of the embedded store (default ./.ecgbridge); the database is <dir>/audit.db.",
        };
        var postgres = new Option<string?>("--postgres")
        {
            Description = "PostgreSQL connection string (a password is better given by PGPASSWORD than on the command line).",
        };
        var verify = new Command("verify", "Recompute the audit hash chain and name the first broken row.");
        verify.Options.Add(dataDir);
        verify.Options.Add(postgres);
        verify.SetAction((parseResult, cancellationToken) =>
            VerifyAsync(parseResult.GetValue(dataDir), parseResult.GetValue(postgres), cancellationToken));

        var migrate = new Command("migrate", "Create or upgrade the audit database (tables, append-only triggers, PostgreSQL role).");
        migrate.Options.Add(dataDir);
        migrate.Options.Add(postgres);
        migrate.SetAction((parseResult, cancellationToken) =>
            MigrateAsync(parseResult.GetValue(dataDir), parseResult.GetValue(postgres), cancellationToken));

        var command = new Command("audit", "Audit record tools.");
        command.Subcommands.Add(verify);
        command.Subcommands.Add(migrate);
        command.Subcommands.Add(AuditSearchCommand.Create());
        command.Subcommands.Add(AuditExportCommand.Create());
        return command;
    }

    internal static async Task<int> MigrateAsync(string? dataDir, string? postgres, CancellationToken cancellationToken)
    {
        if (await OptionsFor(dataDir, postgres) is not { } options)
        {
            return EcgBridgeCommand.ExitUsage;
        }

        await AuditDatabase.Create(options).MigrateAsync(cancellationToken);
        await Console.Out.WriteLineAsync("audit database migrated");
        return EcgBridgeCommand.ExitOk;
    }

    internal static async Task<int> VerifyAsync(string? dataDir, string? postgres, CancellationToken cancellationToken)
    {
        if (await OptionsFor(dataDir, postgres) is not { } options)
        {
            return EcgBridgeCommand.ExitUsage;
        }

        AuditDatabase database = AuditDatabase.Create(options);
        if (!await database.HasAuditTableAsync(cancellationToken))
        {
            string where = postgres is not null ? "the PostgreSQL database" : AuditDatabase.SqliteFile(options.DataDirectory);
            await Console.Error.WriteLineAsync($"error: no audit database at {where}");
            return EcgBridgeCommand.ExitUsage;
        }

        // Verification reads hashes only; it never needs the patient-id key.
        var store = new EfAuditStore(database, new PatientIdHasher(static () => []), TimeProvider.System);
        ChainVerification result = await store.VerifyChainAsync(cancellationToken);
        if (result.Intact)
        {
            await Console.Out.WriteLineAsync($"chain intact: {result.RowCount} rows");
            return EcgBridgeCommand.ExitOk;
        }

        await Console.Out.WriteLineAsync($"chain broken at row {result.FirstBrokenSequence}");
        await Console.Error.WriteLineAsync($"broken: {result.Code} audit[seq={result.FirstBrokenSequence}]");
        return EcgBridgeCommand.ExitChainBroken;
    }

    private static async Task<AuditOptions?> OptionsFor(string? dataDir, string? postgres)
    {
        if (dataDir is not null && postgres is not null)
        {
            await Console.Error.WriteLineAsync("error: give either --data-dir or --postgres, not both");
            return null;
        }

        return postgres is not null
            ? new AuditOptions { Provider = AuditProvider.PostgreSql, ConnectionString = postgres }
            : new AuditOptions { DataDirectory = dataDir ?? ".ecgbridge" };
    }
}

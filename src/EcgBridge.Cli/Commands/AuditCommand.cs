using System.CommandLine;
using System.Text.Json;
using EcgBridge.Audit;
using EcgBridge.Core.Audit;

namespace EcgBridge.Cli.Commands;

/// <summary>
/// <c>ecgbridge audit verify [--data-dir &lt;dir&gt; | --postgres &lt;connection string&gt;] [--key &lt;pem&gt;]... [--witness &lt;dir&gt;]
/// [--state &lt;file&gt;] [--full] [--json]</c>: recomputes every chain and checks it against its signed checkpoints and the
/// witness, naming every break (code and first row affected); exit 0 intact, 4 broken, 2 usage or no audit database.
/// <c>ecgbridge audit repair</c> recreates lost append-only triggers (never rows).
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
        var keys = new Option<string[]>("--key")
        {
            Description = "Verification key: PEM file (public key is enough), repeatable. Default: <data-dir>/audit-signing.pub.pem and <data-dir>/audit-keys/*.pem.",
            AllowMultipleArgumentsPerToken = false,
        };
        var witness = new Option<string?>("--witness")
        {
            Description = "Witness folder to compare checkpoints with (default <data-dir>/audit-witness).",
        };
        var state = new Option<string?>("--state")
        {
            Description = "Incremental state file (default <data-dir>/audit-verify-state.json); verification starts after the checkpoint it names.",
        };
        var full = new Option<bool>("--full") { Description = "Verify every row, ignoring the incremental state." };
        var json = new Option<bool>("--json") { Description = "Print the findings as JSON." };
        var verify = new Command("verify", "Recompute every audit chain against its signed checkpoints and the witness; name every break.");
        verify.Options.Add(dataDir);
        verify.Options.Add(postgres);
        verify.Options.Add(keys);
        verify.Options.Add(witness);
        verify.Options.Add(state);
        verify.Options.Add(full);
        verify.Options.Add(json);
        verify.SetAction((parseResult, cancellationToken) => VerifyAsync(
            new VerifyArguments(
                parseResult.GetValue(dataDir),
                parseResult.GetValue(postgres),
                parseResult.GetValue(keys) ?? [],
                parseResult.GetValue(witness),
                parseResult.GetValue(state),
                parseResult.GetValue(full),
                parseResult.GetValue(json)),
            cancellationToken));

        var migrate = new Command("migrate", "Create or upgrade the audit database (tables, append-only triggers, PostgreSQL role).");
        migrate.Options.Add(dataDir);
        migrate.Options.Add(postgres);
        migrate.SetAction((parseResult, cancellationToken) =>
            MigrateAsync(parseResult.GetValue(dataDir), parseResult.GetValue(postgres), cancellationToken));

        var repair = new Command("repair", "Recreate the append-only protection (triggers) a store has lost; rows are never rewritten. Then run audit verify.");
        repair.Options.Add(dataDir);
        repair.Options.Add(postgres);
        repair.SetAction((parseResult, cancellationToken) =>
            RepairAsync(parseResult.GetValue(dataDir), parseResult.GetValue(postgres), cancellationToken));

        var command = new Command("audit", "Audit record tools.");
        command.Subcommands.Add(verify);
        command.Subcommands.Add(migrate);
        command.Subcommands.Add(repair);
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

    /// <summary>
    /// Checks the store's protection and recreates what is missing (the offline form of
    /// <c>EcgBridge:Audit:RepairOnStart</c>): each finding on its own line, <c>repaired: …</c> for what was recreated.
    /// Exit 0 when nothing is left broken, 4 when something cannot be repaired here (chain heads that do not match the
    /// checkpoints, a missing PostgreSQL role: those need an investigation, not a repair), 2 usage.
    /// </summary>
    internal static async Task<int> RepairAsync(string? dataDir, string? postgres, CancellationToken cancellationToken)
    {
        if (await OptionsFor(dataDir, postgres) is not { } options)
        {
            return EcgBridgeCommand.ExitUsage;
        }

        AuditDatabase database = AuditDatabase.Create(options);
        if (!await database.HasAuditTableAsync(cancellationToken))
        {
            await Console.Error.WriteLineAsync("error: no audit database there");
            return EcgBridgeCommand.ExitUsage;
        }

        var integrity = new AuditIntegrity(database);
        IReadOnlyList<AuditFinding> before = await integrity.CheckAsync(repair: true, cancellationToken);
        foreach (AuditFinding finding in before)
        {
            string what = finding.Code == AuditCodes.TriggerRepaired ? "repaired" : finding.Severity.ToString().ToLowerInvariant();
            await Console.Out.WriteLineAsync($"{what}: {finding.Code} {finding.Location ?? "chain " + finding.ChainId}");
        }

        // What is still wrong after the repair is what an operator has to look into.
        IReadOnlyList<AuditFinding> after = await integrity.CheckAsync(repair: false, cancellationToken);
        int left = 0;
        foreach (AuditFinding finding in after)
        {
            if (finding.Severity == AuditFindingSeverity.Error)
            {
                left++;
                await Console.Error.WriteLineAsync($"broken: {finding.Code} {finding.Location ?? "chain " + finding.ChainId}");
            }
        }

        await Console.Out.WriteLineAsync(left == 0
            ? "protection in place; run `ecgbridge audit verify` to check the rows"
            : $"{left} finding(s) cannot be repaired here");
        return left == 0 ? EcgBridgeCommand.ExitOk : EcgBridgeCommand.ExitChainBroken;
    }

    internal static Task<int> VerifyAsync(string? dataDir, string? postgres, CancellationToken cancellationToken) =>
        VerifyAsync(new VerifyArguments(dataDir, postgres, [], null, null, Full: false, Json: false), cancellationToken);

    internal static async Task<int> VerifyAsync(VerifyArguments arguments, CancellationToken cancellationToken)
    {
        if (await OptionsFor(arguments.DataDir, arguments.Postgres) is not { } options)
        {
            return EcgBridgeCommand.ExitUsage;
        }

        AuditDatabase database = AuditDatabase.Create(options);
        if (!await database.HasAuditTableAsync(cancellationToken))
        {
            string where = arguments.Postgres is not null ? "the PostgreSQL database" : AuditDatabase.SqliteFile(options.DataDirectory);
            await Console.Error.WriteLineAsync($"error: no audit database at {where}");
            return EcgBridgeCommand.ExitUsage;
        }

        // The verifier holds public keys only: a compromised verification host cannot sign a rewritten chain.
        string dataDirectory = Path.GetFullPath(options.DataDirectory);
        using var ring = new AuditKeyRing();
        foreach (string key in arguments.Keys)
        {
            if (!File.Exists(key))
            {
                await Console.Error.WriteLineAsync($"error: no key file at {key}");
                return EcgBridgeCommand.ExitUsage;
            }

            AuditSigningKeys.AddVerificationKey(ring, key);
        }

        string embeddedPublic = Path.Combine(dataDirectory, AuditSigningKeys.EmbeddedPublicKeyFile);
        if (File.Exists(embeddedPublic))
        {
            AuditSigningKeys.AddVerificationKey(ring, embeddedPublic);
        }

        AuditSigningKeys.AddKeyFolder(ring, Path.Combine(dataDirectory, AuditSigningKeys.KeyFolder));
        var witness = new AuditWitness(arguments.Witness ?? options.EffectiveWitnessDirectory);
        string? statePath = arguments.State ?? (arguments.Postgres is null ? Path.Combine(dataDirectory, "audit-verify-state.json") : null);
        AuditVerifyState? earlier = arguments.Full || statePath is null ? null : AuditVerifyState.Load(statePath);

        AuditVerification result = await new AuditVerifier(database, ring, witness).VerifyAsync(earlier, cancellationToken);
        if (result.Intact && statePath is not null)
        {
            result.State.Save(statePath);
        }

        if (arguments.Json)
        {
            await Console.Out.WriteLineAsync(JsonSerializer.Serialize(
                new { intact = result.Intact, rowsChecked = result.RowsChecked, chains = result.Chains, findings = result.Findings, suppressedFindings = result.SuppressedFindings },
                JsonOptions));
        }
        else
        {
            await WriteTextAsync(result);
        }

        return result.Intact ? EcgBridgeCommand.ExitOk : EcgBridgeCommand.ExitChainBroken;
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    // Errors on stderr as "broken: CODE location", warnings and info on stdout, then one summary line on stdout.
    private static async Task WriteTextAsync(AuditVerification result)
    {
        AuditFinding? firstError = null;
        foreach (AuditFinding finding in result.Findings)
        {
            string location = finding.Sequence is { } seq ? $"audit[seq={seq}]"
                : finding.ChainSequence is { } chainSeq ? $"chain[{finding.ChainId}] row {chainSeq}"
                : $"chain[{finding.ChainId}]";
            string checkpoint = finding.CheckpointNumber is { } number ? $" checkpoint {number}" : "";
            string count = finding.Count > 1 ? $" ({finding.Count} rows or checkpoints)" : "";
            if (finding.Severity == AuditFindingSeverity.Error)
            {
                firstError ??= finding;
                await Console.Error.WriteLineAsync($"broken: {finding.Code} {location}{checkpoint}{count}");
            }
            else
            {
                await Console.Out.WriteLineAsync($"{finding.Severity.ToString().ToLowerInvariant()}: {finding.Code} {location}{checkpoint}{count}");
            }
        }

        if (result.SuppressedFindings > 0)
        {
            await Console.Error.WriteLineAsync($"{result.SuppressedFindings} more findings not listed");
        }

        long rows = 0;
        foreach (AuditChainSummary chain in result.Chains)
        {
            rows += chain.Rows;
        }

        string chains = result.Chains.Count > 1 ? $" in {result.Chains.Count} chains" : "";
        await Console.Out.WriteLineAsync(firstError is null
            ? $"chain intact: {rows} rows{chains}"
            : $"chain broken at row {firstError.Sequence ?? firstError.ChainSequence}");
    }

    /// <summary>Arguments of <c>audit verify</c>.</summary>
    internal sealed record VerifyArguments(string? DataDir, string? Postgres, string[] Keys, string? Witness, string? State, bool Full, bool Json);

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

using System.CommandLine;
using EcgBridge.Audit;
using EcgBridge.Core.Audit;
using EcgBridge.Core.Issues;
using EcgBridge.Compliance;

namespace EcgBridge.Cli.Commands;

/// <summary>
/// The options shared by <c>audit search</c> and <c>audit export</c>: where the audit database is, the filters (taken as
/// text and validated by <see cref="ComplianceFilterParser"/>, so refusals carry codes) and the access log.
/// </summary>
internal sealed class AuditSearchOptions
{
    /// <summary>Environment variable of the patient-id HMAC key (the service reads the same key from it).</summary>
    public const string PatientKeyVariable = "EcgBridge__Audit__PatientIdHashKey";

    private readonly Option<string?> _dataDir = new("--data-dir")
    {
        Description = "Data directory of the embedded store (default ./.ecgbridge); the database is <dir>/audit.db.",
    };

    private readonly Option<string?> _postgres = new("--postgres")
    {
        Description = "PostgreSQL connection string (give the password through PGPASSWORD; a SELECT-only role is enough).",
    };

    private readonly Option<string?> _accessLog = new("--access-log")
    {
        Description = "NDJSON file that records this read as a FHIR AuditEvent (default <data dir>/access-log.ndjson).",
    };

    private readonly List<(string Name, Option<string?> Option)> _filters =
    [
        (ComplianceFilterParser.From, new Option<string?>("--from") { Description = "Received at or after (ISO 8601; UTC unless an offset is given)." }),
        (ComplianceFilterParser.To, new Option<string?>("--to") { Description = "Received before (ISO 8601)." }),
        (ComplianceFilterParser.Patient, new Option<string?>("--patient") { Description = "Patient id; hashed with the patient-id key before the search (EcgBridge__Audit__PatientIdHashKey or <dir>/patient-id.key)." }),
        (ComplianceFilterParser.Source, new Option<string?>("--source") { Description = "Source system (MSH-3^MSH-4 or the FHIR client), exact." }),
        (ComplianceFilterParser.ModelVersion, new Option<string?>("--model-version") { Description = "Model version, exact." }),
        (ComplianceFilterParser.Outcome, new Option<string?>("--outcome") { Description = "accepted, scored, rejected, duplicate, failed or shadow-scored." }),
        (ComplianceFilterParser.Risk, new Option<string?>("--risk") { Description = "negligible, low, moderate or high." }),
        (ComplianceFilterParser.Skip, new Option<string?>("--skip") { Description = "Matches to skip (default 0)." }),
        (ComplianceFilterParser.Take, new Option<string?>("--take") { Description = "Matches to return." }),
    ];

    public void AddTo(Command command)
    {
        command.Options.Add(_dataDir);
        command.Options.Add(_postgres);
        foreach ((_, Option<string?> option) in _filters)
        {
            command.Options.Add(option);
        }

        command.Options.Add(_accessLog);
    }

    /// <summary>The filter parameters by their parser names.</summary>
    public List<KeyValuePair<string, string?>> Parameters(ParseResult parseResult) =>
        _filters.ConvertAll(f => new KeyValuePair<string, string?>(f.Name, parseResult.GetValue(f.Option)));

    /// <summary>
    /// Opens the store the options name, or writes why not to stderr and returns null (usage error): both sources, no
    /// audit database there, or a patient filter without a key.
    /// </summary>
    public async Task<OpenedAudit?> OpenAsync(ParseResult parseResult, bool patientFilter, CancellationToken cancellationToken)
    {
        string? dataDir = parseResult.GetValue(_dataDir);
        string? postgres = parseResult.GetValue(_postgres);
        if (dataDir is not null && postgres is not null)
        {
            await Console.Error.WriteLineAsync("error: give either --data-dir or --postgres, not both").ConfigureAwait(false);
            return null;
        }

        string configuredKey = Environment.GetEnvironmentVariable(PatientKeyVariable) ?? "";
        AuditOptions options = postgres is not null
            ? new AuditOptions { Provider = AuditProvider.PostgreSql, ConnectionString = postgres, PatientIdHashKey = configuredKey }
            : new AuditOptions { DataDirectory = dataDir ?? ".ecgbridge", PatientIdHashKey = configuredKey };
        var database = AuditDatabase.Create(options);
        if (!await database.HasAuditTableAsync(cancellationToken).ConfigureAwait(false))
        {
            string where = postgres is not null ? "the PostgreSQL database" : AuditDatabase.SqliteFile(options.DataDirectory);
            await Console.Error.WriteLineAsync($"error: no audit database at {where}").ConfigureAwait(false);
            return null;
        }

        IReadOnlyList<string> pending = await database.PendingMigrationsAsync(cancellationToken).ConfigureAwait(false);
        if (pending.Count > 0)
        {
            // The tools never change the schema (PostgreSQL: they may run as a read-only role); serve migrates at start.
            await Console.Error.WriteLineAsync(
                $"error: the audit database is older than this ecgbridge ({pending.Count} migration(s) to apply, the last {pending[^1]}): start `ecgbridge serve` against it once (it migrates at start), then run this again").ConfigureAwait(false);
            return null;
        }

        string keyFile = Path.Combine(Path.GetFullPath(options.DataDirectory), "patient-id.key");
        bool hasKey = configuredKey.Length > 0 || (postgres is null && File.Exists(keyFile));
        if (patientFilter && !hasKey)
        {
            // Never generate a key here: a fresh key would make every patient search silently find nothing.
            await Console.Error.WriteLineAsync($"error: --patient needs the patient-id key ({PatientKeyVariable} or {keyFile})").ConfigureAwait(false);
            return null;
        }

        var hasher = new PatientIdHasher(() => hasKey ? PatientIdHasher.LoadOrCreateKey(configuredKey, keyFile) : []);
        string accessLog = parseResult.GetValue(_accessLog)
            ?? Path.Combine(Path.GetFullPath(options.DataDirectory), AccessLogFile.FileName);
        return new OpenedAudit(new EfAuditStore(database, hasher, TimeProvider.System), hasher, accessLog);
    }

    /// <summary>Writes one <c>refused: CODE --option</c> line per issue (values are never echoed).</summary>
    public static async Task ReportRefusedAsync(IssueList issues)
    {
        foreach (Issue issue in issues)
        {
            await Console.Error.WriteLineAsync($"refused: {issue.Code} --{issue.Location}").ConfigureAwait(false);
        }

        await Console.Error.WriteLineAsync(
            $"error: filter values refused (text at most {ComplianceFilterParser.MaxTextLength} characters, without quotes, ';', '\\', '--', comments or control characters)").ConfigureAwait(false);
    }

    /// <summary>Who is reading, for the access log.</summary>
    public static string Accessor => Environment.UserName + "@" + Environment.MachineName;
}

/// <summary>An audit store opened for compliance reads, its patient-id hasher and the access log path.</summary>
internal sealed record OpenedAudit(IAuditStore Store, PatientIdHasher Hasher, string AccessLogPath);

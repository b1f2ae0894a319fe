using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EcgBridge.Audit;

/// <summary>
/// Applies the audit migrations before the host accepts traffic (hosted services start in registration order, so
/// register it before listeners). Several processes may start at once: EF Core's migration lock serializes them.
/// Then runs the integrity self-check (<see cref="AuditIntegrity"/>, no repair) and logs each finding's code; it does
/// not stop the host, so the health endpoint and operators decide (the lead's host can call it and refuse to start).
/// </summary>
public sealed partial class AuditMigrator : IHostedService
{
    private readonly AuditDatabase _database;
    private readonly IOptions<AuditOptions> _options;
    private readonly ILogger<AuditMigrator> _logger;

    public AuditMigrator(AuditDatabase database, IOptions<AuditOptions> options, ILogger<AuditMigrator> logger)
    {
        _database = database;
        _options = options;
        _logger = logger;
    }

    /// <summary>Findings of the start-up integrity check (empty until it ran, or when all is well).</summary>
    public IReadOnlyList<AuditFinding> IntegrityFindings { get; private set; } = [];

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!_options.Value.MigrateOnStart)
        {
            LogMigrationSkipped(_logger, _database.Provider);
            return;
        }

        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        await _database.MigrateAsync(cancellationToken);
        double elapsedMs = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        LogMigrated(_logger, _database.Provider, elapsedMs);
        IntegrityFindings = await new AuditIntegrity(_database).CheckAsync(repair: false, cancellationToken);
        foreach (AuditFinding finding in IntegrityFindings)
        {
            LogIntegrityFinding(_logger, finding.Code, finding.ChainId, finding.Location);
        }

        AuditFinding? broken = IntegrityFindings.FirstOrDefault(f => f.Severity == AuditFindingSeverity.Error);
        if (broken is not null)
        {
            if (!_options.Value.RepairOnStart)
            {
                // A store whose append-only protection or chain heads are not as written is not one to keep appending
                // to: nothing starts until an operator looks (or says RepairOnStart, which recreates the protection).
                throw new AuditIntegrityException(broken.Code + " " + (broken.Location ?? "chain " + broken.ChainId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }

            IntegrityFindings = await new AuditIntegrity(_database).CheckAsync(repair: true, cancellationToken);
            foreach (AuditFinding finding in IntegrityFindings)
            {
                LogIntegrityFinding(_logger, finding.Code, finding.ChainId, finding.Location);
            }
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Audit store {Provider} migrated in {ElapsedMs:F0} ms")]
    private static partial void LogMigrated(ILogger logger, AuditProvider provider, double elapsedMs);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Error, Message = "Audit integrity check: {Code} chain {ChainId} {Location}")]
    private static partial void LogIntegrityFinding(ILogger logger, string code, int chainId, string? location);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Audit store {Provider}: migration on start is off")]
    private static partial void LogMigrationSkipped(ILogger logger, AuditProvider provider);
}

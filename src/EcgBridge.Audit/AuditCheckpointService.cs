using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EcgBridge.Audit;

/// <summary>
/// Writes checkpoints on time (every <see cref="AuditOptions.CheckpointEverySeconds"/>) and once more when the host stops,
/// so the rows of a quiet or stopping node are covered too. Registered by <see cref="AuditHostingExtensions"/>.
/// </summary>
public sealed partial class AuditCheckpointService : BackgroundService
{
    private readonly EfAuditStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<AuditCheckpointService> _logger;

    public AuditCheckpointService(EfAuditStore store, TimeProvider time, ILogger<AuditCheckpointService> logger)
    {
        _store = store;
        _time = time;
        _logger = logger;
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);

        // The shutdown checkpoint: rows written since the last tick are covered before the process goes.
        await WriteAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_store.CheckpointInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await WriteAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync writes the last checkpoint.
        }
    }

    private async Task WriteAsync(CancellationToken cancellationToken)
    {
        try
        {
            int written = await _store.WriteCheckpointsAsync(cancellationToken);
            AuditCheckpointStatus status = _store.CheckpointStatus;
            if (status.Code is { } code)
            {
                LogCheckpointProblem(_logger, code, status.AcceptingWrites);
            }
            else if (written > 0)
            {
                LogCheckpointsWritten(_logger, written);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The database may be briefly away; the next tick tries again. Only the exception type is logged.
            LogCheckpointFailed(_logger, exception.GetType().Name);
        }
    }

    [LoggerMessage(EventId = 6010, Level = LogLevel.Debug, Message = "Audit checkpoints written: {Count}")]
    private static partial void LogCheckpointsWritten(ILogger logger, int count);

    [LoggerMessage(EventId = 6011, Level = LogLevel.Error, Message = "Audit checkpoint problem {Code}; accepting writes: {AcceptingWrites}")]
    private static partial void LogCheckpointProblem(ILogger logger, string code, bool acceptingWrites);

    [LoggerMessage(EventId = 6012, Level = LogLevel.Warning, Message = "Audit checkpoint write failed ({ExceptionType}); retrying on the next tick")]
    private static partial void LogCheckpointFailed(ILogger logger, string exceptionType);
}

using System.Text.Json;
using EcgBridge.Compliance;
using EcgBridge.Core.Audit;
using Microsoft.Extensions.Options;

namespace EcgBridge.Host.Retention;

/// <summary>
/// Retention of raw payload copies (<see cref="RetentionOptions.RawPayloadDays"/>, off by default): every interval,
/// deletes stored ECG tensors and spool files of already-finished messages received before the cutoff. Audit rows
/// (hashes, results) stay. Each run is recorded as a BALP Delete AuditEvent in the access log: pruning changes no audit
/// row, and the chain's rows describe messages, so the run belongs beside the other actions on PHI copies.
/// </summary>
internal sealed partial class RetentionService(
    IAuditStore store,
    PayloadSpool spool,
    ComplianceAccessLog accessLog,
    IOptions<RetentionOptions> options,
    TimeProvider time,
    ILogger<RetentionService> logger) : BackgroundService
{
    /// <summary>Raised after each run (tests wait on it instead of sleeping).</summary>
    internal event Action<RetentionPrune>? Pruned;

    /// <summary>One run at the current time of the <see cref="TimeProvider"/>; recorded in the access log.</summary>
    internal async Task<RetentionPrune> PruneOnceAsync(CancellationToken cancellationToken)
    {
        int days = options.Value.RawPayloadDays;
        DateTimeOffset now = time.GetUtcNow();
        DateTimeOffset cutoff = now.AddDays(-days);
        int tensors = 0;
        int files = 0;
        string? failure = null;
        try
        {
            tensors = await store.PruneStoredEcgsAsync(cutoff, cancellationToken).ConfigureAwait(false);
            files = await PruneSpoolAsync(cutoff, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or System.Data.Common.DbException)
        {
            failure = RetentionCodes.PruneFailed;
            LogFailed(logger, e.GetType().Name);
        }

        var prune = new RetentionPrune
        {
            Recorded = now,
            Cutoff = cutoff,
            RetentionDays = days,
            DeletedTensors = tensors,
            DeletedSpoolFiles = files,
            FailureCode = failure,
        };
        await accessLog.AppendAsync(AuditEventBuilder.ForRetentionPrune(prune), cancellationToken).ConfigureAwait(false);
        LogPruned(logger, days, tensors, files, failure ?? "ok");
        Pruned?.Invoke(prune);
        return prune;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        TimeSpan interval = TimeSpan.FromMinutes(options.Value.IntervalMinutes);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PruneOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                // The access log could not be written: say so and try again next interval rather than stop the host.
                LogNotRecorded(logger, e.GetType().Name);
            }

            await Task.Delay(interval, time, stoppingToken).ConfigureAwait(false);
        }
    }

    // Only files of messages whose result is recorded: an unfinished one is still needed to re-send it after a crash.
    private async Task<int> PruneSpoolAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        if (spool.DirectoryPath is not { } directory || !Directory.Exists(directory))
        {
            return 0;
        }

        int deleted = 0;
        foreach (string path in Directory.EnumerateFiles(directory, "*.json"))
        {
            if (File.GetLastWriteTimeUtc(path) >= cutoff.UtcDateTime)
            {
                continue;
            }

            string? dedupeKey = await ReadDedupeKeyAsync(path, cancellationToken).ConfigureAwait(false);
            if (dedupeKey is null || !await IsFinishedAsync(dedupeKey, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            File.Delete(path);
            deleted++;
        }

        return deleted;
    }

    private async Task<bool> IsFinishedAsync(string dedupeKey, CancellationToken cancellationToken)
    {
        foreach (AuditOutcome outcome in (AuditOutcome[])[AuditOutcome.Scored, AuditOutcome.Failed])
        {
            AuditPage page = await store.SearchAuditAsync(new AuditFilter { DedupeKey = dedupeKey, Outcome = outcome }, 0, 0, cancellationToken).ConfigureAwait(false);
            if (page.Total > 0)
            {
                return true;
            }
        }

        return false;
    }

    private static async Task<string?> ReadDedupeKeyAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var stream = File.OpenRead(path);
            await using (stream.ConfigureAwait(false))
            {
                ScoreEcg? command = await JsonSerializer.DeserializeAsync<ScoreEcg>(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
                return command?.DedupeKey;
            }
        }
        catch (JsonException)
        {
            // Not a whole command: left for an operator, as the spool itself does.
            return null;
        }
    }

    [LoggerMessage(EventId = 7302, Level = LogLevel.Error, Message = "Retention run failed ({Error}); it runs again next interval")]
    private static partial void LogFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 7301, Level = LogLevel.Error, Message = "Retention run could not be recorded in the access log ({Error})")]
    private static partial void LogNotRecorded(ILogger logger, string error);

    [LoggerMessage(EventId = 7300, Level = LogLevel.Information, Message = "Retention ({Days} days): {Tensors} stored tensors and {Files} spool files deleted, {Result}")]
    private static partial void LogPruned(ILogger logger, int days, int tensors, int files, string result);
}

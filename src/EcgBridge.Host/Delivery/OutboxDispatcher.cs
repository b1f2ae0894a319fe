using EcgBridge.Core.Audit;
using EcgBridge.Pipeline.Deliver;
using Microsoft.Extensions.Options;

namespace EcgBridge.Host.Delivery;

/// <summary>
/// Claims due outbox rows and hands each to the pipeline's <see cref="DeliverStep"/> (which checks coverage, calls the
/// row kind's sink and records the result). Claims are leases, so several instances can run dispatchers and a crashed
/// one loses nothing; the sinks are idempotent (conditional create, events carry the dedupe key, ORU control ids).
/// </summary>
public sealed class OutboxDispatcher(
    IOutbox store,
    DeliverStep deliver,
    OutboxSignal signal,
    IOptions<EhrOptions> options,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private readonly EhrOptions _options = options.Value;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            int claimed;
            try
            {
                claimed = await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The dispatcher must outlive a database outage; the next pass retries.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                HostLog.DispatcherPassFailed(logger, ex.GetType().Name);
                claimed = 0;
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(false);
            }

            if (claimed < _options.BatchSize)
            {
                try
                {
                    await signal.WaitAsync(TimeSpan.FromMilliseconds(_options.PollMilliseconds), stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>One pass: claims due rows and delivers them; returns how many were claimed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<OutboxMessage> due = await store.ClaimDueAsync(_options.BatchSize, TimeSpan.FromSeconds(_options.LeaseSeconds), cancellationToken).ConfigureAwait(false);
        if (due.Count == 0)
        {
            return 0;
        }

        await Parallel.ForEachAsync(
            due,
            new ParallelOptions { MaxDegreeOfParallelism = _options.Parallelism, CancellationToken = cancellationToken },
            async (row, token) => await deliver.DeliverAsync(row, token).ConfigureAwait(false)).ConfigureAwait(false);
        return due.Count;
    }
}

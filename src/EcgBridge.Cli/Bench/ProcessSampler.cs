using System.Diagnostics;

namespace EcgBridge.Cli.Bench;

/// <summary>Samples CPU and RSS of the serve process(es) at a fixed interval until disposed.</summary>
internal sealed class ProcessSampler : IAsyncDisposable
{
    private readonly IReadOnlyList<int> _pids;
    private readonly TimeSpan _interval;
    private readonly Stopwatch _clock;
    private readonly List<ProcessSample>[] _samples;
    private readonly List<double> _loads = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public ProcessSampler(IReadOnlyList<int> pids, TimeSpan interval, Stopwatch clock)
    {
        _pids = pids;
        _interval = interval;
        _clock = clock;
        _samples = new List<ProcessSample>[pids.Count];
        for (int i = 0; i < pids.Count; i++)
        {
            _samples[i] = [];
        }

        Sample();
        _loop = RunAsync(_stop.Token);
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                Sample();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped by DisposeAsync.
        }
    }

    private void Sample()
    {
        TimeSpan at = _clock.Elapsed;
        lock (_samples)
        {
            for (int i = 0; i < _pids.Count; i++)
            {
                if (ProcReader.TryRead(_pids[i], at) is { } sample)
                {
                    _samples[i].Add(sample);
                }
            }

            if (ProcReader.LoadAverage() is { } load)
            {
                _loads.Add(load);
            }
        }
    }

    /// <summary>Takes a last sample and summarises all (CPU and RSS summed over the processes).</summary>
    public ResourceSummary Summarise()
    {
        Sample();
        lock (_samples)
        {
            return ResourceSummary.Of(_samples, _loads);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}

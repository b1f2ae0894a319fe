using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using EcgBridge.Cli.Commands;
using Spectre.Console;

namespace EcgBridge.Cli.Bench;

/// <summary>
/// Drives a running <c>serve</c>: N connections send simulated traffic at a paced rate or as fast as answers come back,
/// time each answer, follow the Scored audit rows for result latency and per-step times, and sample the serve's CPU and
/// memory. The senders are the simulator's (<see cref="SimulateMllpSender"/>, <see cref="SimulateHttpSender"/>).
/// </summary>
internal sealed class BenchRunner(BenchSettings settings, IAnsiConsole console)
{
    private readonly Stopwatch _clock = new();
    private readonly ConcurrentDictionary<string, SentMessage> _sent = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<double> _ackLatencies = [];
    private readonly List<string> _notes = [];
    private long _next;
    private long _sentCount;
    private long _accepted;
    private long _rejected;
    private long _failed;
    private long _warnings;
    private TimeSpan _lastAnswer;

    public async Task<BenchResult> RunAsync(CancellationToken cancellationToken)
    {
        ulong run = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        InferenceBaseline? baseline = null;
        if (settings.BaselineSeconds > 0)
        {
            // Before the traffic, while the serve is idle: bare inference of the same model with the serve's threads.
            console.MarkupLine("[grey]measuring bare inference (batch 8 and 1) …[/]");
            baseline = InferenceBaseline.Measure(settings.ModelDirectory, settings.BaselineThreads, settings.BaselineSpinning, TimeSpan.FromSeconds(settings.BaselineSeconds));
        }

        // Every message is encoded before the clock starts; a send only copies a template and writes its ids.
        BenchTraffic? traffic = settings.Mode == BenchMode.Ecg ? BenchTraffic.Create(settings.Format, settings.BundleSize, run) : null;
        double? loadAtStart = ProcReader.LoadAverage();
        DateTimeOffset startedAt = DateTimeOffset.UtcNow;
        _clock.Start();
        await using AuditTail? tail = settings.FollowsResults
            ? await AuditTail.OpenAsync(settings.DataDirectory, settings.Postgres, _clock, cancellationToken).ConfigureAwait(false)
            : null;
        if (tail is not null)
        {
            await tail.PollAsync(cancellationToken).ConfigureAwait(false); // compiles the query before the window
        }

        await using ProcessSampler? sampler = settings.Pids.Count > 0 ? new ProcessSampler(settings.Pids, settings.SampleInterval, _clock) : null;
        await using var self = new ProcessSampler([Environment.ProcessId], settings.SampleInterval, _clock);

        using var stopFollowing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task following = tail is null ? Task.CompletedTask : FollowAsync(tail, stopFollowing.Token);
        await console.Progress()
            .AutoRefresh(!Console.IsErrorRedirected) // nobody watches a redirected progress bar: do not render it 10 times a second
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                ProgressTask sending = context.AddTask("starting", maxValue: ProgressMax());
                Task[] workers = new Task[settings.Connections];
                for (int c = 0; c < workers.Length; c++)
                {
                    workers[c] = SendLoopAsync(run, traffic, tail, cancellationToken);
                }

                Task all = Task.WhenAll(workers);
                while (!all.IsCompleted)
                {
                    await Task.WhenAny(all, Task.Delay(250, cancellationToken)).ConfigureAwait(false);
                    sending.Value = ProgressValue();
                    sending.Description = Describe(tail);
                }

                await all.ConfigureAwait(false);
                sending.Value = sending.MaxValue;
                if (tail is not null)
                {
                    ProgressTask draining = context.AddTask("results", maxValue: Math.Max(1, Interlocked.Read(ref _accepted) * settings.BundleSize));
                    await DrainAsync(tail, draining, cancellationToken).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);

        await stopFollowing.CancelAsync().ConfigureAwait(false);
        await following.ConfigureAwait(false);
        if (tail is not null)
        {
            await tail.PollAsync(cancellationToken).ConfigureAwait(false);
        }

        ResourceSummary? serve = sampler?.Summarise();
        BenchResult result = await BuildResultAsync(startedAt, loadAtStart, tail, serve, cancellationToken).ConfigureAwait(false);
        return result with { Bench = self.Summarise(), Baseline = baseline, MessageBytes = traffic?.MessageBytes };
    }

    private double ProgressMax() =>
        settings.Count is { } count ? Math.Max(1, count) : Math.Max(1, settings.Duration!.Value.TotalSeconds);

    private double ProgressValue() =>
        settings.Count is not null ? Interlocked.Read(ref _sentCount) : Math.Min(_clock.Elapsed.TotalSeconds, ProgressMax());

    private string Describe(AuditTail? tail) => string.Create(CultureInfo.InvariantCulture,
        $"sent {Interlocked.Read(ref _sentCount)} · accepted {Interlocked.Read(ref _accepted)} · rejected {Interlocked.Read(ref _rejected)}{(tail is null ? "" : $" · scored {tail.Scored}")}");

    private async Task SendLoopAsync(ulong run, BenchTraffic? traffic, AuditTail? tail, CancellationToken cancellationToken)
    {
        var retry = SimulateRetry.Default with { Attempts = 3 };
        await using ISimulateSender sender = settings.Target.Scheme == "mllp"
            ? new SimulateMllpSender(settings.Target.Host, settings.Target.Port, retry, TimeSpan.FromSeconds(30), Warn)
            : new SimulateHttpSender(settings.Target, retry, TimeSpan.FromSeconds(30), Warn) { BearerToken = settings.Token, PostsBundles = settings.BundleSize > 1 };
        TimeSpan? deadline = settings.Duration;
        byte[][] scratch = traffic?.NewScratch() ?? [];
        while (!cancellationToken.IsCancellationRequested)
        {
            long index = Interlocked.Increment(ref _next) - 1;
            if ((settings.Count is { } count && index >= count) || (deadline is { } end && settings.Count is null && _clock.Elapsed >= end))
            {
                return;
            }

            if (settings.Rate.IsMax && tail is not null && settings.MaxPending > 0)
            {
                // Keep the scoring queue at a steady depth so the run measures throughput, not how deep a backlog can grow.
                while (Interlocked.Read(ref _accepted) * settings.BundleSize - tail.Scored >= settings.MaxPending && !cancellationToken.IsCancellationRequested)
                {
                    await Task.Delay(5, cancellationToken).ConfigureAwait(false);
                }
            }

            byte[] payload = traffic is null ? SmallMessage.Build(run, index) : traffic.Message(index, scratch);
            TimeSpan due = settings.Rate.DueOffset(index);
            TimeSpan wait = due - _clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }

            // Paced runs count from the due time, so a slow answer that delays the next send is not hidden
            // (coordinated omission); at max rate there is no due time and the clock starts at the send.
            TimeSpan origin = settings.Rate.IsMax ? _clock.Elapsed : due;
            if (settings.FollowsResults)
            {
                _sent[Convert.ToHexStringLower(SHA256.HashData(payload))] = new SentMessage(origin, DateTimeOffset.UtcNow - (_clock.Elapsed - origin));
            }

            Interlocked.Increment(ref _sentCount);
            SimulateDelivery delivery = await sender.SendAsync(payload, cancellationToken).ConfigureAwait(false);
            TimeSpan answered = _clock.Elapsed;
            switch (delivery)
            {
                case SimulateDelivery.Acknowledged:
                    Interlocked.Increment(ref _accepted);
                    _ackLatencies.Add((answered - origin).TotalMilliseconds);
                    break;
                case SimulateDelivery.Rejected:
                    Interlocked.Increment(ref _rejected);
                    _ackLatencies.Add((answered - origin).TotalMilliseconds);
                    break;
                default:
                    Interlocked.Increment(ref _failed);
                    break;
            }

            lock (_notes)
            {
                if (answered > _lastAnswer)
                {
                    _lastAnswer = answered;
                }
            }
        }
    }

    private void Warn(string note)
    {
        if (Interlocked.Increment(ref _warnings) <= 5)
        {
            lock (_notes)
            {
                _notes.Add("sender: " + note);
            }
        }
    }

    private async Task FollowAsync(AuditTail tail, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(settings.PollInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await tail.PollAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped after the drain.
        }
    }

    private async Task DrainAsync(AuditTail tail, ProgressTask task, CancellationToken cancellationToken)
    {
        long target = Interlocked.Read(ref _accepted) * settings.BundleSize;
        int last = -1;
        TimeSpan lastProgress = _clock.Elapsed;
        while (tail.Scored < target && !cancellationToken.IsCancellationRequested)
        {
            if (tail.Scored != last)
            {
                last = tail.Scored;
                lastProgress = _clock.Elapsed;
            }
            else if (_clock.Elapsed - lastProgress > settings.DrainTimeout)
            {
                lock (_notes)
                {
                    _notes.Add(string.Create(CultureInfo.InvariantCulture, $"stopped waiting for results: none for {settings.DrainTimeout.TotalSeconds:0} s ({tail.Scored} of {target} scored)"));
                }

                break;
            }

            task.Value = tail.Scored;
            task.Description = string.Create(CultureInfo.InvariantCulture, $"scored {tail.Scored} of {target}");
            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        task.Value = tail.Scored;
    }

    private async Task<BenchResult> BuildResultAsync(DateTimeOffset startedAt, double? loadAtStart, AuditTail? tail, ResourceSummary? serve, CancellationToken cancellationToken)
    {
        double sendSeconds = Math.Max(_lastAnswer.TotalSeconds, 1e-9);
        long sent = Interlocked.Read(ref _sentCount);
        long accepted = Interlocked.Read(ref _accepted);
        long rejected = Interlocked.Read(ref _rejected);
        var result = new BenchResult
        {
            Label = settings.Label,
            StartedAt = startedAt,
            Machine = MachineInfo.Current(),
            Mode = settings.Mode == BenchMode.Small ? "small (ADT^A01)" : "ecg",
            Format = settings.Mode == BenchMode.Small ? "hl7 ADT^A01" : FormatName(settings.Format),
            Transport = settings.Target.Scheme == "mllp" ? "MLLP" : "FHIR REST",
            Rate = settings.Rate.ToString(),
            Connections = settings.Connections,
            Count = settings.Count,
            DurationSeconds = settings.Duration?.TotalSeconds,
            MaxPending = settings.Rate.IsMax ? settings.MaxPending : 0,
            BundleSize = settings.BundleSize,
            SendSeconds = sendSeconds,
            Sent = sent,
            Accepted = accepted,
            Rejected = rejected,
            Failed = Interlocked.Read(ref _failed),
            SentPerSecond = sent / sendSeconds,
            AnsweredPerSecond = (accepted + rejected) / sendSeconds,
            AcceptedPerSecond = accepted / sendSeconds,
            AckLatency = LatencySummary.Of(_ackLatencies.ToArray()),
            Serve = serve,
            LoadAtStart = loadAtStart,
            LoadAtEnd = ProcReader.LoadAverage(),
        };

        if (tail is not null)
        {
            result = await WithResultsAsync(result, tail, cancellationToken).ConfigureAwait(false);
        }

        lock (_notes)
        {
            if (Interlocked.Read(ref _warnings) > 5)
            {
                _notes.Add(string.Create(CultureInfo.InvariantCulture, $"sender: {Interlocked.Read(ref _warnings)} warnings in all"));
            }

            return result with { Notes = [.. _notes] };
        }
    }

    private async Task<BenchResult> WithResultsAsync(BenchResult result, AuditTail tail, CancellationToken cancellationToken)
    {
        var seen = new List<double>();
        var server = new List<double>();
        var matched = new List<ScoredRow>();
        TimeSpan lastSeen = TimeSpan.Zero;
        DateTimeOffset? firstFinished = null;
        DateTimeOffset? lastFinished = null;
        foreach (ScoredRow row in tail.Rows)
        {
            if (!_sent.TryGetValue(row.RawSha256, out SentMessage? message))
            {
                continue;
            }

            matched.Add(row);
            seen.Add((row.SeenAt - message.Origin).TotalMilliseconds);
            lastSeen = row.SeenAt > lastSeen ? row.SeenAt : lastSeen;
            if (row.FinishedAt is { } finished)
            {
                server.Add((finished - message.OriginWall).TotalMilliseconds);
                firstFinished = firstFinished is null || finished < firstFinished ? finished : firstFinished;
                lastFinished = lastFinished is null || finished > lastFinished ? finished : lastFinished;
            }
        }

        double? steady = matched.Count >= 2 && lastFinished > firstFinished
            ? (matched.Count - 1) / (lastFinished.Value - firstFinished!.Value).TotalSeconds
            : null;
        (int checkedCount, int found) = await CheckResultsAsync(matched, cancellationToken).ConfigureAwait(false);
        return result with
        {
            Scored = matched.Count,
            ScoredPerSecond = lastSeen > TimeSpan.Zero ? matched.Count / lastSeen.TotalSeconds : null,
            ScoredPerSecondSteady = steady,
            ResultLatency = LatencySummary.Of(seen),
            ResultLatencyServer = LatencySummary.Of(server),
            PollMilliseconds = settings.PollInterval.TotalMilliseconds,
            Steps = StepTimes.Of(matched),
            ResultsChecked = checkedCount,
            ResultsFound = found,
        };
    }

    /// <summary>Fetches the last few results through the FHIR API, so "visible in the audit" is also "readable by a client".</summary>
    private async Task<(int Checked, int Found)> CheckResultsAsync(List<ScoredRow> matched, CancellationToken cancellationToken)
    {
        if (settings.FhirBase is null || matched.Count == 0)
        {
            return (0, 0);
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        if (settings.Token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", settings.Token);
        }

        int checkedCount = 0;
        int found = 0;
        string? failure = null;
        string root = settings.FhirBase.ToString().TrimEnd('/');
        for (int i = matched.Count - 1; i >= 0 && checkedCount < 5; i--)
        {
            if (matched[i].RiskAssessmentId is not { } id)
            {
                continue;
            }

            checkedCount++;
            try
            {
                using HttpResponseMessage response = await http.GetAsync(new Uri(root + "/RiskAssessment/" + id), cancellationToken).ConfigureAwait(false);
                found += response.IsSuccessStatusCode ? 1 : 0;
                failure = response.IsSuccessStatusCode ? failure : "HTTP " + ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            }
            catch (HttpRequestException)
            {
                failure = "no connection";
            }
        }

        if (failure is not null)
        {
            lock (_notes)
            {
                _notes.Add("reading results back via GET /fhir/RiskAssessment/{id}: " + failure + (settings.Token is null ? " (no --token given and no dev-token.txt found)" : ""));
            }
        }

        return (checkedCount, found);
    }

    internal static string FormatName(SimulateFormat format) => format switch
    {
        SimulateFormat.Hl7 => "hl7 PCD-01",
        SimulateFormat.Hl7Waveform => "hl7 chapter-7 waveform",
        _ => "fhir Observation JSON",
    };

    private sealed record SentMessage(TimeSpan Origin, DateTimeOffset OriginWall);
}

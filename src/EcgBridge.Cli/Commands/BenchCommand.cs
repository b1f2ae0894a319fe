using System.CommandLine;
using EcgBridge.Cli.Bench;
using Spectre.Console;

namespace EcgBridge.Cli.Commands;

/// <summary>
/// <c>ecgbridge bench</c>: drives a running <c>serve</c> with simulated ECGs (or small ADT messages) over MLLP or FHIR
/// REST at a paced or maximal rate, and reports throughput, ACK and result latency, per-step times from the audit rows
/// and the serve's CPU and memory, as a table, JSON and a Markdown section.
/// </summary>
internal static class BenchCommand
{
    /// <summary>Messages sent when neither <c>--count</c> nor <c>--duration</c> is given.</summary>
    public const long DefaultCount = 100;

    public static Command Create()
    {
        var to = new Option<string>("--to") { Description = "The serve: mllp://host:port (HL7 v2) or http://host:port/fhir (FHIR REST).", DefaultValueFactory = _ => "mllp://127.0.0.1:2575" };
        var format = new Option<string?>("--format") { Description = "hl7 (PCD-01, default over MLLP), hl7-waveform, or fhir (default over HTTP)." };
        format.AcceptOnlyFromAmong("hl7", "hl7-waveform", "fhir");
        var rate = new Option<string>("--rate") { Description = "Messages per second (N or N/s), or max: each connection sends as soon as it is answered.", DefaultValueFactory = _ => "max" };
        var count = new Option<long?>("--count") { Description = $"Messages to send (default {DefaultCount} unless --duration)." };
        var duration = new Option<string?>("--duration") { Description = "Run length instead of a count: 90, 90s, 2m." };
        var connections = new Option<int?>("--connections") { Description = "Concurrent connections (default 1; 8 with --small)." };
        var small = new Option<bool>("--small") { Description = "Send small non-ECG HL7 v2 messages (ADT^A01, ~300 B) over MLLP to measure accept throughput." };
        var maxPending = new Option<int>("--max-pending") { Description = "At --rate max, pause while this many accepted ECGs await their result (0 = never).", DefaultValueFactory = _ => 16 };
        var dataDir = new Option<string?>("--data-dir") { Description = "The serve's data dir (embedded mode): follow results in its audit.db; default token file <dir>/dev-token.txt." };
        var postgres = new Option<string?>("--postgres") { Description = "The serve's PostgreSQL connection string: follow results there." };
        var pids = new Option<int[]>("--pid") { Description = "Process id of a serve to sample (CPU, RSS); repeat for several.", AllowMultipleArgumentsPerToken = true };
        var sampleSeconds = new Option<double>("--sample-seconds") { Description = "Interval of CPU/RSS samples.", DefaultValueFactory = _ => 1 };
        var pollMs = new Option<int>("--poll-ms") { Description = "Interval of audit polls for results (the result-latency resolution).", DefaultValueFactory = _ => 20 };
        var drainSeconds = new Option<double>("--drain-seconds") { Description = "After sending, stop waiting for results when none arrived for this long.", DefaultValueFactory = _ => 60 };
        var token = new Option<string?>("--token") { Description = "Bearer token for HTTP (default: <data dir>/dev-token.txt when present)." };
        var fhirBase = new Option<string?>("--fhir-base") { Description = "FHIR API base used to read back a few results (default: --to when it is HTTP)." };
        var label = new Option<string?>("--label") { Description = "Names the run and its serve configuration in the report." };
        var bundle = new Option<int>("--bundle") { Description = "FHIR only: POST Bundles (type batch) of N Observations to the base instead of single Observations.", DefaultValueFactory = _ => 1 };
        var baselineSeconds = new Option<double>("--baseline-seconds") { Description = "Before the traffic, run bare batch-8 (and batch-1) inference of the same model for this long and compare the serve's CPU per ECG with it (0 = skip).", DefaultValueFactory = _ => 0 };
        var threads = new Option<int>("--threads") { Description = "Intra-op threads of the baseline; use the serve's EcgBridge:Inference:IntraOpThreads (0 = one per processor).", DefaultValueFactory = _ => 0 };
        var spin = new Option<bool>("--spin") { Description = "Baseline with ONNX Runtime thread spinning (match a serve run with EcgBridge:Inference:AllowSpinning=true; off by default, as in serve)." };
        var model = new Option<string?>("--model") { Description = "Model folder of the baseline (default: the one the serve uses beside the binary)." };
        var json = new Option<string?>("--json") { Description = "Write the figures as JSON to this file." };
        var markdown = new Option<string?>("--markdown") { Description = "Append the figures as a Markdown section to this file." };

        var command = new Command("bench", "Drive a running serve with simulated traffic; report throughput, ACK and result latency, step times, CPU and memory.");
        foreach (Option option in new Option[] { to, format, rate, count, duration, connections, small, maxPending, dataDir, postgres, pids, sampleSeconds, pollMs, drainSeconds, token, fhirBase, label, bundle, baselineSeconds, threads, spin, model, json, markdown })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (!TryBuild(parseResult, out BenchSettings? settings))
            {
                return EcgBridgeCommand.ExitUsage;
            }

            return await RunAsync(settings!, cancellationToken).ConfigureAwait(false);
        });

        bool TryBuild(ParseResult parseResult, out BenchSettings? settings)
        {
            settings = null;
            bool isSmall = parseResult.GetValue(small);
            if (!Uri.TryCreate(parseResult.GetValue(to), UriKind.Absolute, out Uri? target)
                || !(target.Scheme == "mllp" && target.Port > 0 || target.Scheme == Uri.UriSchemeHttp || target.Scheme == Uri.UriSchemeHttps))
            {
                return Fail("--to must be mllp://host:port or http(s)://host:port/fhir");
            }

            bool mllp = target.Scheme == "mllp";
            SimulateFormat simulateFormat = parseResult.GetValue(format) switch
            {
                "hl7" => SimulateFormat.Hl7,
                "hl7-waveform" => SimulateFormat.Hl7Waveform,
                "fhir" => SimulateFormat.Fhir,
                _ => mllp ? SimulateFormat.Hl7 : SimulateFormat.Fhir,
            };
            if (mllp == (simulateFormat == SimulateFormat.Fhir) || (isSmall && !mllp))
            {
                return Fail("MLLP carries hl7 / hl7-waveform / --small; HTTP carries fhir");
            }

            if (!BenchRate.TryParse(parseResult.GetValue(rate), out BenchRate benchRate))
            {
                return Fail("--rate must be max, N or N/s with N > 0");
            }

            TimeSpan? runLength = null;
            if (parseResult.GetValue(duration) is { } durationText)
            {
                if (!BenchDuration.TryParse(durationText, out TimeSpan parsed))
                {
                    return Fail("--duration must be like 90, 90s or 2m (at most 24 h)");
                }

                runLength = parsed;
            }

            long? messages = parseResult.GetValue(count);
            if (messages is <= 0 || (messages is not null && runLength is not null))
            {
                return Fail("give --count (> 0) or --duration, not both");
            }

            if (messages is null && runLength is { } length && benchRate.MessagesIn(length) is { } paced)
            {
                // A paced run of a given length is a count: every due message is sent, however slowly they are answered.
                messages = paced;
            }
            else if (messages is null && runLength is null)
            {
                messages = DefaultCount;
            }

            int connectionCount = parseResult.GetValue(connections) ?? (isSmall ? 8 : 1);
            if (connectionCount is < 1 or > 256 || parseResult.GetValue(maxPending) < 0 || parseResult.GetValue(pollMs) is < 1 or > 10_000
                || !(parseResult.GetValue(sampleSeconds) is > 0 and <= 3600) || !(parseResult.GetValue(drainSeconds) is > 0 and <= 86_400))
            {
                return Fail("--connections 1-256, --max-pending >= 0, --poll-ms 1-10000, --sample-seconds and --drain-seconds > 0");
            }

            int bundleSize = parseResult.GetValue(bundle);
            if (bundleSize is < 1 or > 100 || (bundleSize > 1 && simulateFormat != SimulateFormat.Fhir))
            {
                return Fail("--bundle takes 1-100 and only FHIR (over HTTP)");
            }

            if (parseResult.GetValue(baselineSeconds) is < 0 or > 600 || parseResult.GetValue(threads) is < 0 or > 256)
            {
                return Fail("--baseline-seconds 0-600, --threads 0-256");
            }

            string? directory = parseResult.GetValue(dataDir);
            string? connection = parseResult.GetValue(postgres);
            if (directory is not null && connection is not null)
            {
                return Fail("give either --data-dir or --postgres, not both");
            }

            Uri? readBase = target.Scheme == "mllp" ? null : target;
            if (parseResult.GetValue(fhirBase) is { } baseText && (!Uri.TryCreate(baseText, UriKind.Absolute, out readBase) || readBase.Scheme is not ("http" or "https")))
            {
                return Fail("--fhir-base must be http(s)://host:port/fhir");
            }

            settings = new BenchSettings
            {
                Target = target,
                Mode = isSmall ? BenchMode.Small : BenchMode.Ecg,
                Format = simulateFormat,
                Rate = benchRate,
                Count = messages,
                Duration = runLength,
                Connections = connectionCount,
                MaxPending = parseResult.GetValue(maxPending),
                DataDirectory = directory,
                Postgres = connection,
                Pids = parseResult.GetValue(pids) ?? [],
                SampleInterval = TimeSpan.FromSeconds(parseResult.GetValue(sampleSeconds)),
                PollInterval = TimeSpan.FromMilliseconds(parseResult.GetValue(pollMs)),
                DrainTimeout = TimeSpan.FromSeconds(parseResult.GetValue(drainSeconds)),
                Token = parseResult.GetValue(token) ?? DevToken(directory),
                FhirBase = readBase,
                Label = parseResult.GetValue(label),
                BundleSize = bundleSize,
                BaselineSeconds = parseResult.GetValue(baselineSeconds),
                BaselineThreads = parseResult.GetValue(threads),
                BaselineSpinning = parseResult.GetValue(spin),
                ModelDirectory = parseResult.GetValue(model),
                JsonPath = parseResult.GetValue(json),
                MarkdownPath = parseResult.GetValue(markdown),
            };
            return true;
        }

        return command;
    }

    private static bool Fail(string message)
    {
        Console.Error.WriteLine("error: " + message);
        return false;
    }

    /// <summary>The development token the embedded serve writes into its data dir, when it is there.</summary>
    internal static string? DevToken(string? dataDirectory)
    {
        string file = Path.Combine(Path.GetFullPath(dataDirectory ?? ".ecgbridge"), "dev-token.txt");
        return File.Exists(file) ? File.ReadAllText(file).Trim() : null;
    }

    internal static async Task<int> RunAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        if (settings.FollowsResults)
        {
            // Checked before the run: a bench that cannot see results would report none.
            await using AuditTail? probe = await AuditTail.OpenAsync(settings.DataDirectory, settings.Postgres, new System.Diagnostics.Stopwatch(), cancellationToken).ConfigureAwait(false);
            if (probe is null)
            {
                await Console.Error.WriteLineAsync("error: no audit database of a serve there (start serve first, with the same --data-dir / PostgreSQL)").ConfigureAwait(false);
                return EcgBridgeCommand.ExitUsage;
            }
        }

        IAnsiConsole progress = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        BenchResult result = await new BenchRunner(settings, progress).RunAsync(cancellationToken).ConfigureAwait(false);

        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        if (Console.IsOutputRedirected)
        {
            console.Profile.Width = 160;
        }

        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(result.Label ?? "ecgbridge bench"));
        table.AddColumn("figure");
        table.AddColumn(new TableColumn("value").RightAligned());
        foreach ((string name, string value) in BenchReport.Rows(result))
        {
            table.AddRow(new Text(name), new Text(value));
        }

        console.Write(table);
        foreach (string note in result.Notes)
        {
            console.WriteLine("note: " + note);
        }

        if (settings.JsonPath is { } jsonPath)
        {
            await File.WriteAllTextAsync(jsonPath, BenchReport.ToJson(result), cancellationToken).ConfigureAwait(false);
        }

        if (settings.MarkdownPath is { } markdownPath)
        {
            BenchReport.AppendMarkdown(markdownPath, result);
        }

        return result.Failed > 0 ? SimulateCommand.ExitDeliveryFailed : EcgBridgeCommand.ExitOk;
    }
}

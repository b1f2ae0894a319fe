using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using EcgBridge.Core;
using EcgBridge.Core.Issues;
using EcgBridge.Host.Security;
using EcgBridge.Simulator;
using EcgBridge.Simulator.Output;
using Spectre.Console;

namespace EcgBridge.Cli.Commands;

/// <summary>
/// <c>ecgbridge simulate</c>: synthetic 12-lead ECGs (EcgBridge.Simulator) written as files with labels.csv, or sent to
/// an MLLP listener or a FHIR endpoint at a given rate. Synthetic data for load, demos and training only.
/// </summary>
internal static class SimulateCommand
{
    /// <summary>Exit code when the receiver stayed unreachable through every retry (documented in docs/simulator.md).</summary>
    public const int ExitDeliveryFailed = 5;

    public static Command Create()
    {
        var count = new Option<int>("--count") { Description = "Number of ECGs.", DefaultValueFactory = _ => 10 };
        var fraction = new Option<double>("--omi-fraction")
        {
            Description = "Share of occlusion MIs (0-1); the rest are normals (60 %) and mimics.",
            DefaultValueFactory = _ => 0.5,
        };
        var seed = new Option<ulong>("--seed") { Description = "Seed; the same seed gives the same ECGs.", DefaultValueFactory = _ => 1 };
        var rate = new Option<double>("--rate-hz") { Description = "Sample rate (>= 100 Hz).", DefaultValueFactory = _ => 500 };
        var duration = new Option<double>("--duration-seconds") { Description = "Length of each ECG.", DefaultValueFactory = _ => 10 };
        var format = new Option<string>("--format")
        {
            Description = "hl7 (PCD-01), hl7-waveform (chapter 7 CD/MA), fhir (Observation JSON), wfdb (.hea/.dat) or tensor (normalized 12 x 5000 float32).",
            Required = true,
        };
        format.AcceptOnlyFromAmong("hl7", "hl7-waveform", "fhir", "wfdb", "tensor");
        var output = new Option<string?>("--out") { Description = "Directory for the files and labels.csv." };
        var to = new Option<string?>("--to") { Description = "Receiver: mllp://host:port (HL7 v2) or http(s)://host/fhir (FHIR)." };
        var perSecond = new Option<double?>("--messages-per-second") { Description = "Send or write at most this many ECGs per second." };
        var retries = new Option<int>("--retries") { Description = "Attempts per message when the receiver cannot be reached.", DefaultValueFactory = _ => 6 };
        var token = new Option<string?>("--token")
        {
            Description = "Bearer token for http(s) receivers, or @file; default: <--data-dir>/dev-token.txt when present.",
        };
        var dataDir = new Option<string?>("--data-dir") { Description = "Where to find dev-token.txt (default ./.ecgbridge)." };
        var mllpTls = new Option<bool>("--mllp-tls") { Description = "Speak TLS (1.2+) to the mllp:// receiver." };
        var ca = new Option<string?>("--ca") { Description = "With --mllp-tls: PEM file of the CA(s) to trust for the receiver's certificate." };
        var insecure = new Option<bool>("--insecure-skip-verify") { Description = "With --mllp-tls: accept any server certificate (test certificates only)." };
        var clientCert = new Option<string?>("--client-cert") { Description = "With --mllp-tls: client certificate (PFX, or PEM with its key)." };

        var command = new Command("simulate", "Generate synthetic 12-lead ECGs (occlusion MI, normals, mimics) as files or a live feed. Synthetic: not patient data.");
        foreach (Option option in new Option[] { count, fraction, seed, rate, duration, format, output, to, perSecond, retries, token, dataDir, mllpTls, ca, insecure, clientCert })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var settings = new SimulateSettings(
                parseResult.GetValue(count), parseResult.GetValue(fraction), parseResult.GetValue(seed), parseResult.GetValue(rate),
                parseResult.GetValue(duration), parseResult.GetValue(format)!, parseResult.GetValue(output), parseResult.GetValue(to),
                parseResult.GetValue(perSecond), parseResult.GetValue(retries), ResolveToken(parseResult.GetValue(token), parseResult.GetValue(dataDir)),
                parseResult.GetValue(mllpTls)
                    ? new SimulateTlsSettings(parseResult.GetValue(ca), parseResult.GetValue(insecure), parseResult.GetValue(clientCert))
                    : null);
            return await RunAsync(settings, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    internal static async Task<int> RunAsync(SimulateSettings settings, CancellationToken cancellationToken)
    {
        if (!TryValidate(settings, out SimulateFormat format, out Uri? target))
        {
            return EcgBridgeCommand.ExitUsage;
        }

        IReadOnlyList<SimulationSpec> plan = SimulatedFeed.Plan(settings.Seed, settings.Count, settings.OmiFraction, settings.RateHz, settings.DurationSeconds);
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return target is null
            ? await WriteFilesAsync(settings, format, plan, console, cancellationToken).ConfigureAwait(false)
            : await SendAsync(settings, format, target, plan, console, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The token text: the option's value, the file it names after '@', or the data dir's development token.</summary>
    internal static string? ResolveToken(string? option, string? dataDirectory)
    {
        string? path = option is null
            ? Path.Combine(Path.GetFullPath(dataDirectory ?? ".ecgbridge"), DevelopmentKey.TokenFileName)
            : option.StartsWith('@') ? option[1..] : null;
        if (path is null)
        {
            return option;
        }

        try
        {
            return File.Exists(path) && File.ReadAllText(path).Trim() is { Length: > 0 } text ? text : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool TryValidate(SimulateSettings settings, out SimulateFormat format, out Uri? target)
    {
        target = null;
        format = settings.Format switch
        {
            "hl7" => SimulateFormat.Hl7,
            "hl7-waveform" => SimulateFormat.Hl7Waveform,
            "fhir" => SimulateFormat.Fhir,
            "wfdb" => SimulateFormat.Wfdb,
            _ => SimulateFormat.Tensor,
        };
        var issues = new IssueList();
        _ = SimulatedFeed.TryValidate(settings.Count, settings.OmiFraction, settings.RateHz, issues);
        _ = new SimulationSpec { SampleRateHz = Math.Max(settings.RateHz, SimulationSpec.MinimumSampleRateHz), DurationSeconds = settings.DurationSeconds }.TryValidate(issues);
        if (settings.MessagesPerSecond is { } limit && !(limit > 0 && double.IsFinite(limit)))
        {
            issues.Error(SimulatorCodes.RateLimitInvalid, "--messages-per-second");
        }

        bool ok = !issues.HasErrors;
        foreach (Issue issue in issues)
        {
            Console.Error.WriteLine($"error: {Explain(issue.Code)} ({issue.Code})");
        }

        if (format == SimulateFormat.Tensor && settings.DurationSeconds < 10)
        {
            Console.Error.WriteLine("error: --format tensor needs ECGs of at least 10 s (the model window)");
            ok = false;
        }

        if (settings.Retries < 1)
        {
            Console.Error.WriteLine("error: --retries must be 1 or more");
            ok = false;
        }

        if ((settings.Out is null) == (settings.To is null))
        {
            Console.Error.WriteLine("error: give exactly one of --out <dir> and --to <receiver>");
            return false;
        }

        if (settings.To is not null)
        {
            if (!Uri.TryCreate(settings.To, UriKind.Absolute, out Uri? uri))
            {
                Console.Error.WriteLine("error: --to must be mllp://host:port or http(s)://host/fhir");
                return false;
            }

            bool mllp = uri.Scheme == "mllp" && uri.Port > 0 && format is SimulateFormat.Hl7 or SimulateFormat.Hl7Waveform;
            bool http = (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && format == SimulateFormat.Fhir;
            if (!mllp && !http)
            {
                Console.Error.WriteLine("error: --to mllp://host:port sends --format hl7 or hl7-waveform; --to http(s)://… sends --format fhir");
                return false;
            }

            target = uri;
        }

        return ok;
    }

    private static string Explain(string code) => code switch
    {
        SimulatorCodes.CountNegative => "--count must be 0 or more",
        SimulatorCodes.FractionOutOfRange => "--omi-fraction must be between 0 and 1",
        SimulatorCodes.RateTooLow => "--rate-hz must be at least 100 Hz",
        SimulatorCodes.RateTooHigh => "--rate-hz must be at most 10000 Hz",
        SimulatorCodes.DurationOutOfRange => "--duration-seconds must be between 1 and 300",
        SimulatorCodes.RateLimitInvalid => "--messages-per-second must be a positive number",
        _ => "invalid parameter",
    };

    private static async Task<int> WriteFilesAsync(SimulateSettings settings, SimulateFormat format, IReadOnlyList<SimulationSpec> plan, IAnsiConsole console, CancellationToken cancellationToken)
    {
        string directory = settings.Out!;
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine("error: cannot create the output directory");
            return EcgBridgeCommand.ExitUsage;
        }

        var issues = new IssueList();
        int written = 0;
        int positives = 0;
        using (var labels = new LabelsCsv(directory))
        {
            var pacer = new Pacer(settings.MessagesPerSecond);
            await console.Progress().StartAsync(async context =>
            {
                ProgressTask task = context.AddTask($"simulate {settings.Format}", maxValue: Math.Max(plan.Count, 1));
                for (int i = 0; i < plan.Count && !issues.HasErrors; i++)
                {
                    await pacer.WaitAsync(cancellationToken).ConfigureAwait(false);
                    SimulatedEcg ecg = EcgSimulator.Generate(plan[i]);
                    EcgRecording recording = SimulateEncoder.Prepare(ecg, settings.Seed, i);
                    if (SimulateEncoder.TryWriteFile(directory, i, recording, format, issues))
                    {
                        labels.Add(SimulateEncoder.FileName(i, format), ecg);
                        written++;
                        positives += ecg.Label;
                    }

                    task.Increment(1);
                }
            }).ConfigureAwait(false);
        }

        if (issues.HasErrors)
        {
            foreach (Issue issue in issues)
            {
                Console.Error.WriteLine($"rejected: {issue.Code} {issue.Location}");
            }

            return EcgBridgeCommand.ExitRejected;
        }

        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wrote {written} ECG(s) ({positives} OMI) as {settings.Format} to {directory} with labels.csv; synthetic, not patient data"));
        return EcgBridgeCommand.ExitOk;
    }

    private static async Task<int> SendAsync(SimulateSettings settings, SimulateFormat format, Uri target, IReadOnlyList<SimulationSpec> plan, IAnsiConsole console, CancellationToken cancellationToken)
    {
        var retry = SimulateRetry.Default with { Attempts = settings.Retries };
        var notes = new List<string>();
        void Report(string note)
        {
            lock (notes)
            {
                notes.Add(note);
            }

            Console.Error.WriteLine($"warning: {note}");
        }

        await using ISimulateSender sender = target.Scheme == "mllp"
            ? new SimulateMllpSender(target.Host, target.Port, retry, TimeSpan.FromSeconds(30), Report) { Tls = settings.Tls }
            : new SimulateHttpSender(target, retry, TimeSpan.FromSeconds(30), Report) { BearerToken = settings.Token };
        int sent = 0;
        int acknowledged = 0;
        int rejected = 0;
        int failed = 0;
        var pacer = new Pacer(settings.MessagesPerSecond);
        await console.Progress().StartAsync(async context =>
        {
            ProgressTask task = context.AddTask($"send {settings.Format} to {target.Scheme}", maxValue: Math.Max(plan.Count, 1));
            for (int i = 0; i < plan.Count; i++)
            {
                await pacer.WaitAsync(cancellationToken).ConfigureAwait(false);
                SimulatedEcg ecg = EcgSimulator.Generate(plan[i]);
                byte[] payload = SimulateEncoder.Encode(SimulateEncoder.Prepare(ecg, settings.Seed, i), format);
                SimulateDelivery delivery = await sender.SendAsync(payload, cancellationToken).ConfigureAwait(false);
                switch (delivery)
                {
                    case SimulateDelivery.Acknowledged:
                        sent++;
                        acknowledged++;
                        break;
                    case SimulateDelivery.Rejected:
                        sent++;
                        rejected++;
                        break;
                    default:
                        failed++;
                        break;
                }

                task.Increment(1);
                if (failed > 0)
                {
                    // The receiver stayed unreachable through every retry: stop instead of hammering it.
                    break;
                }
            }
        }).ConfigureAwait(false);

        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sent {sent} of {plan.Count}, acknowledged {acknowledged}, rejected {rejected}, failed {failed}"));
        return failed > 0 ? ExitDeliveryFailed : rejected > 0 ? EcgBridgeCommand.ExitRejected : EcgBridgeCommand.ExitOk;
    }

    /// <summary>Spaces messages to at most N per second against a monotonic clock (no drift from slow sends).</summary>
    private sealed class Pacer(double? perSecond)
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private long _count;

        public async Task WaitAsync(CancellationToken cancellationToken)
        {
            if (perSecond is not { } rate)
            {
                return;
            }

            TimeSpan due = TimeSpan.FromSeconds(_count++ / rate);
            TimeSpan wait = due - _clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EcgBridge.Cli.Bench;

/// <summary>Renders a <see cref="BenchResult"/> as rows of figures, as JSON and as a Markdown section.</summary>
internal static class BenchReport
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The figures as (name, value) rows, in the order the table and the Markdown show them.</summary>
    public static List<(string Name, string Value)> Rows(BenchResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var rows = new List<(string, string)>
        {
            ("sent / accepted / rejected / failed", F($"{result.Sent} / {result.Accepted} / {result.Rejected} / {result.Failed}")),
            ("send window (s)", Number(result.SendSeconds, "0.0")),
            ("sent per second", Number(result.SentPerSecond, "0.0")),
            ("answered per second (any ACK code)", Number(result.AnsweredPerSecond, "0.0")),
            ("accepted per second (AA / 2xx)", Number(result.AcceptedPerSecond, "0.0")),
            ("ACK latency p50 / p95 / p99 / max (ms)", Latency(result.AckLatency)),
        };
        if (result.Scored is { } scored)
        {
            rows.Add(("scored", scored.ToString(CultureInfo.InvariantCulture)));
            rows.Add(("scored per second (first send → last result)", Number(result.ScoredPerSecond, "0.00")));
            rows.Add(("scored per second (steady: first → last result)", Number(result.ScoredPerSecondSteady, "0.00")));
            rows.Add((F($"result latency p50 / p95 / p99 / max (ms; seen by polling every {result.PollMilliseconds:0} ms)"), Latency(result.ResultLatency)));
            rows.Add(("result latency p50 / p95 / p99 / max (ms; FinishedAt in the row)", Latency(result.ResultLatencyServer)));
            rows.Add(("step decode p50 / p99 (ms)", Step(result.Steps?.Decode)));
            rows.Add(("step normalize p50 / p99 (ms)", Step(result.Steps?.Normalize)));
            rows.Add(("step score p50 / p99 (ms; includes micro-batch wait)", Step(result.Steps?.Score)));
            rows.Add(("step record p50 / p99 (ms)", result.Steps?.Record is null ? "not in the audit row" : Step(result.Steps.Record)));
            rows.Add(("results readable via GET /fhir/RiskAssessment/{id}", result.ResultsChecked is > 0 ? F($"{result.ResultsFound} of {result.ResultsChecked} checked") : "not checked"));
        }

        if (result.Serve is { } serve)
        {
            rows.Add((F($"serve CPU (% of one core, {serve.Processes} process(es))"), Number(serve.CpuPercent, "0")));
            rows.Add(("serve CPU time per scored ECG (ms)", Number(result.ServeCpuMsPerScored, "0.0")));
            rows.Add(("serve RSS start / end / max (MiB)", F($"{serve.RssStartMiB:0} / {serve.RssEndMiB:0} / {serve.RssMaxMiB:0}")));
            rows.Add(("serve RSS growth start → end", F($"{serve.RssGrowthPercent:+0.0;-0.0;0.0} % ({serve.Samples} samples)")));
        }

        if (result.Bench is { } bench)
        {
            rows.Add(("bench CPU (% of one core; traffic pre-generated)", Number(bench.CpuPercent, "0.0")));
        }

        if (result.Baseline is { } bare)
        {
            rows.Add((F($"bare inference batch 8: ms/ECG wall / CPU ({bare.Threads} threads{(bare.Spinning ? ", spinning" : "")}, n={bare.Batch8Ecgs})"), F($"{bare.Batch8WallMsPerEcg:0.0} / {bare.Batch8CpuMsPerEcg:0.0}")));
            rows.Add(("bare inference batch 8: ECG/s", Number(bare.Batch8EcgPerSecond, "0.00")));
            rows.Add(("bare inference batch 1: ms wall / CPU per run", F($"{bare.Batch1WallMs:0.0} / {bare.Batch1CpuMs:0.0}")));
            rows.Add(("serve CPU per scored ECG ÷ bare batch-8 CPU per ECG", Number(result.CpuRatioToBaseline, "0.00")));
            if (result.ScoredPerSecondSteady is { } steady)
            {
                rows.Add(("scored/s ÷ bare batch-8 ECG/s (raw)", Number(steady / bare.Batch8EcgPerSecond, "0.00")));
                rows.Add(("scored/s ÷ bare batch-8 ECG/s (bench CPU given back)", Number(result.ScoredPerSecondCorrected / bare.Batch8EcgPerSecond, "0.00")));
            }
        }

        rows.Add(("load average (start / min–max / end)", F($"{Number(result.LoadAtStart, "0.0")} / {Number(result.Serve?.LoadMin, "0.0")}–{Number(result.Serve?.LoadMax, "0.0")} / {Number(result.LoadAtEnd, "0.0")}")));
        return rows;
    }

    public static string ToJson(BenchResult result) => JsonSerializer.Serialize(result, Json);

    /// <summary>A Markdown section: heading with label and date, machine, load, configuration, then the figures.</summary>
    public static string ToMarkdown(BenchResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        text.Append(F($"### {Escape(result.Label ?? "bench")} — {result.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC\n\n"));
        text.Append(F($"- Machine: {Escape(result.Machine.Cpu)}, {result.Machine.Cores} cores, {Escape(result.Machine.OperatingSystem)}, {Escape(result.Machine.Runtime)}\n"));
        text.Append(F($"- Load average: {Number(result.LoadAtStart, "0.0")} at start, {Number(result.Serve?.LoadMin, "0.0")}–{Number(result.Serve?.LoadMax, "0.0")} during, {Number(result.LoadAtEnd, "0.0")} at end\n"));
        string bound = result.Count is { } count ? F($"{count} messages") : F($"{result.DurationSeconds:0} s");
        string pending = result.MaxPending > 0 ? F($", at most {result.MaxPending} accepted but unscored") : "";
        string bundle = result.BundleSize > 1 ? F($" (Bundles of {result.BundleSize})") : "";
        string size = result.MessageBytes is { } bytes ? F($", {bytes / 1024.0:0} KiB per message") : "";
        text.Append(F($"- Load: {Escape(result.Mode)}, {Escape(result.Format)}{bundle}{size} over {result.Transport}, rate {result.Rate}, {result.Connections} connection(s), {bound}{pending}\n"));
        foreach (string note in result.Notes)
        {
            text.Append("- Note: ").Append(Escape(note)).Append('\n');
        }

        text.Append("\n| figure | value |\n|---|---:|\n");
        foreach ((string name, string value) in Rows(result))
        {
            text.Append("| ").Append(Escape(name)).Append(" | ").Append(Escape(value)).Append(" |\n");
        }

        return text.Append('\n').ToString();
    }

    /// <summary>Appends the section to a Markdown file (created when missing).</summary>
    public static void AppendMarkdown(string path, BenchResult result)
    {
        string section = ToMarkdown(result);
        bool fresh = !File.Exists(path) || new FileInfo(path).Length == 0;
        File.AppendAllText(path, (fresh ? "" : "\n") + section);
    }

    private static string Latency(LatencySummary? summary) =>
        summary is null ? "–" : F($"{summary.P50:0.0} / {summary.P95:0.0} / {summary.P99:0.0} / {summary.Max:0.0} (n={summary.Count})");

    private static string Step(LatencySummary? summary) =>
        summary is null ? "–" : F($"{summary.P50:0.00} / {summary.P99:0.00}");

    private static string Number(double? value, string format) =>
        value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "–";

    /// <summary>Keeps table cells intact: a '|' inside a cell would start a new column.</summary>
    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ');

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

using System.Text.Json;
using EcgBridge.Cli.Bench;

namespace EcgBridge.Cli.Tests.Bench;

public class BenchReportTests
{
    [Fact]
    public void Markdown_section_names_machine_load_and_configuration_then_the_figures()
    {
        string markdown = BenchReport.ToMarkdown(Result());

        string[] lines = markdown.Split('\n');
        Assert.Equal("### embedded | real model — 2026-11-24 03:10 UTC", lines[0].Replace("\\|", "|", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("- Machine: Test CPU, 2 cores", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("- Load average: 1.5 at start, 1.2–2.8 during, 2.0 at end", StringComparison.Ordinal));
        Assert.Contains(lines, l => l == "- Load: ecg, hl7 PCD-01 over MLLP, rate 4.85/s, 2 connection(s), 300 messages");
        Assert.Contains("| figure | value |", lines);
        Assert.Contains("| ACK latency p50 / p95 / p99 / max (ms) | 5.0 / 9.0 / 12.0 / 15.0 (n=300) |", lines);
        Assert.Contains("| scored per second (steady: first → last result) | 4.85 |", lines);
    }

    [Fact]
    public void A_pipe_in_a_label_or_note_does_not_break_the_table()
    {
        string markdown = BenchReport.ToMarkdown(Result() with { Notes = ["a|b"] });

        Assert.Contains("- Note: a\\|b", markdown, StringComparison.Ordinal);
        foreach (string line in markdown.Split('\n'))
        {
            if (line.StartsWith('|'))
            {
                Assert.Equal(3, line.Replace("\\|", "", StringComparison.Ordinal).Count(c => c == '|'));
            }
        }
    }

    [Fact]
    public void Appending_keeps_earlier_sections()
    {
        string path = Path.Combine(Path.GetTempPath(), "bench-" + Guid.NewGuid().ToString("N") + ".md");
        try
        {
            BenchReport.AppendMarkdown(path, Result());
            BenchReport.AppendMarkdown(path, Result() with { Label = "second" });

            string text = File.ReadAllText(path);
            Assert.Equal(2, text.Split("\n### ").Length + (text.StartsWith("### ", StringComparison.Ordinal) ? 0 : -1));
            Assert.Contains("### second —", text, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Json_carries_the_percentiles_by_name()
    {
        using JsonDocument json = JsonDocument.Parse(BenchReport.ToJson(Result()));

        JsonElement ack = json.RootElement.GetProperty("ackLatency");
        Assert.Equal(12.0, ack.GetProperty("p99").GetDouble());
        Assert.Equal(300, json.RootElement.GetProperty("sent").GetInt64());
        Assert.Equal(4.85, json.RootElement.GetProperty("scoredPerSecondSteady").GetDouble());
        Assert.False(json.RootElement.TryGetProperty("resultsChecked", out _)); // nulls are left out
    }

    [Fact]
    public void Without_results_the_rows_have_no_scored_figures()
    {
        List<(string Name, string Value)> rows = BenchReport.Rows(Result() with { Scored = null });

        Assert.DoesNotContain(rows, r => r.Name.StartsWith("scored", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Name.StartsWith("ACK latency", StringComparison.Ordinal));
    }

    private static BenchResult Result() => new()
    {
        Label = "embedded | real model",
        StartedAt = new DateTimeOffset(2026, 11, 24, 3, 10, 0, TimeSpan.Zero),
        Machine = new MachineInfo("Test CPU", 2, "Linux", ".NET 10.0.0"),
        Mode = "ecg",
        Format = "hl7 PCD-01",
        Transport = "MLLP",
        Rate = "4.85/s",
        Connections = 2,
        Count = 300,
        SendSeconds = 61.9,
        Sent = 300,
        Accepted = 300,
        Rejected = 0,
        Failed = 0,
        Scored = 300,
        SentPerSecond = 4.85,
        AnsweredPerSecond = 4.85,
        AcceptedPerSecond = 4.85,
        ScoredPerSecond = 4.7,
        ScoredPerSecondSteady = 4.85,
        AckLatency = new LatencySummary(300, 6, 5, 9, 12, 15),
        ResultLatency = new LatencySummary(300, 150, 140, 180, 200, 230),
        PollMilliseconds = 20,
        Serve = new ResourceSummary(1, 60, 120, 72_000, 300, 310, 320, 3.3, 1.2, 2.8, []),
        LoadAtStart = 1.5,
        LoadAtEnd = 2.0,
    };
}

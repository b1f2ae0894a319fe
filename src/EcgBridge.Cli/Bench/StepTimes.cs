namespace EcgBridge.Cli.Bench;

/// <summary>Per-step times of the scoring path from the Scored audit rows (milliseconds, as the serve measured them).</summary>
internal sealed record StepTimes(LatencySummary? Decode, LatencySummary? Normalize, LatencySummary? Score, LatencySummary? Record)
{
    public static StepTimes Of(IReadOnlyList<ScoredRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var decode = new List<double>(rows.Count);
        var normalize = new List<double>(rows.Count);
        var score = new List<double>(rows.Count);
        var record = new List<double>(rows.Count);
        foreach (ScoredRow row in rows)
        {
            Add(decode, row.DecodeMilliseconds);
            Add(normalize, row.NormalizeMilliseconds);
            Add(score, row.ScoreMilliseconds);
            Add(record, row.RecordMilliseconds);
        }

        return new StepTimes(LatencySummary.Of(decode), LatencySummary.Of(normalize), LatencySummary.Of(score), LatencySummary.Of(record));
    }

    private static void Add(List<double> values, double? value)
    {
        if (value is { } v)
        {
            values.Add(v);
        }
    }
}

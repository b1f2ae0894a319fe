using System.Globalization;

namespace EcgBridge.Cli.Bench;

/// <summary>
/// The send rate of a run: a fixed number of messages per second, or <c>max</c> (each connection sends its next message
/// as soon as the previous one is answered). Message i of a paced run is due <c>i / rate</c> seconds after the start.
/// </summary>
internal readonly record struct BenchRate(double? PerSecond)
{
    public static BenchRate Max => new(null);

    public bool IsMax => PerSecond is null;

    /// <summary>Parses <c>max</c>, <c>N</c> or <c>N/s</c> (N positive and finite, at most 1,000,000).</summary>
    public static bool TryParse(string? text, out BenchRate rate)
    {
        rate = Max;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        string trimmed = text.Trim();
        if (trimmed.Equals("max", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (trimmed.EndsWith("/s", StringComparison.OrdinalIgnoreCase))
        {
            trimmed = trimmed[..^2];
        }

        if (!double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out double perSecond)
            || !double.IsFinite(perSecond) || perSecond <= 0 || perSecond > 1_000_000)
        {
            return false;
        }

        rate = new BenchRate(perSecond);
        return true;
    }

    /// <summary>When message <paramref name="index"/> is due, counted from the start of the run (zero for <c>max</c>).</summary>
    public TimeSpan DueOffset(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return PerSecond is { } rate ? TimeSpan.FromSeconds(index / rate) : TimeSpan.Zero;
    }

    /// <summary>How many messages a paced run of <paramref name="duration"/> sends (null for <c>max</c>: as many as fit).</summary>
    public long? MessagesIn(TimeSpan duration) =>
        PerSecond is { } rate ? (long)Math.Ceiling((duration.TotalSeconds * rate) - 1e-9) : null; // 4.85 × 60 is 291, not 292 by rounding

    public override string ToString() =>
        PerSecond is { } rate ? rate.ToString("0.###", CultureInfo.InvariantCulture) + "/s" : "max";
}

namespace EcgBridge.Cli.Commands;

/// <summary>Exponential backoff for senders: 0.5 s, 1 s, 2 s … capped at 8 s, for a fixed number of attempts.</summary>
internal sealed record SimulateRetry(int Attempts, TimeSpan FirstDelay, TimeSpan MaxDelay)
{
    public static SimulateRetry Default { get; } = new(6, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(8));

    /// <summary>The delay before attempt <paramref name="attempt"/> (1-based; the first attempt has none).</summary>
    public TimeSpan DelayBefore(int attempt)
    {
        if (attempt <= 1)
        {
            return TimeSpan.Zero;
        }

        double milliseconds = FirstDelay.TotalMilliseconds * Math.Pow(2, attempt - 2);
        return TimeSpan.FromMilliseconds(Math.Min(milliseconds, MaxDelay.TotalMilliseconds));
    }
}

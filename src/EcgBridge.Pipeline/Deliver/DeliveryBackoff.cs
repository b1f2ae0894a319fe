namespace EcgBridge.Pipeline.Deliver;

/// <summary>When a row that could not be delivered is due again: <see cref="StepSeconds"/> × attempts, capped.</summary>
/// <param name="StepSeconds">Delay per attempt made so far.</param>
/// <param name="MaxSeconds">Longest delay between two attempts.</param>
public sealed record DeliveryBackoff(int StepSeconds, int MaxSeconds)
{
    /// <summary>The next due time after <paramref name="attempts"/> attempts, from <paramref name="now"/>.</summary>
    public DateTimeOffset RetryAt(DateTimeOffset now, int attempts) =>
        now.AddSeconds(Math.Min(MaxSeconds, StepSeconds * Math.Max(1, attempts)));
}

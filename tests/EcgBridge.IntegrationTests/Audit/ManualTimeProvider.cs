namespace EcgBridge.IntegrationTests.Audit;

/// <summary>A clock the test moves by hand, so lease and retry times are checked without waiting.</summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private DateTimeOffset _now;

    public ManualTimeProvider(DateTimeOffset start) => _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}

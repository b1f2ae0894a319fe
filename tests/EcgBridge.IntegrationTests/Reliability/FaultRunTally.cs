using System.Collections.Concurrent;

namespace EcgBridge.IntegrationTests.Reliability;

/// <summary>What the senders saw during a fault run: attempts, answers, timeouts, lost connections.</summary>
internal sealed class FaultRunTally
{
    private readonly ConcurrentDictionary<string, int> _accepted = new();
    private long _attempts;
    private long _resends;
    private long _refused;
    private long _timeouts;
    private long _connectionsLost;

    public long Attempts => Interlocked.Read(ref _attempts);

    public long Resends => Interlocked.Read(ref _resends);

    /// <summary>Answers other than AA (AE HOST-UNAVAILABLE while a dependency is down).</summary>
    public long NonAaAnswers => Interlocked.Read(ref _refused);

    public long Timeouts => Interlocked.Read(ref _timeouts);

    public long ConnectionsLost => Interlocked.Read(ref _connectionsLost);

    /// <summary>Messages answered AA (each counted once).</summary>
    public int AcceptedMessages => _accepted.Count;

    public IReadOnlyCollection<string> AcceptedControlIds => (IReadOnlyCollection<string>)_accepted.Keys;

    public void Attempt(int attempt)
    {
        Interlocked.Increment(ref _attempts);
        if (attempt > 1)
        {
            Interlocked.Increment(ref _resends);
        }
    }

    public void Accepted(string controlId) => _accepted.AddOrUpdate(controlId, 1, (_, n) => n + 1);

    public void Refused() => Interlocked.Increment(ref _refused);

    public void TimedOut() => Interlocked.Increment(ref _timeouts);

    public void ConnectionLost() => Interlocked.Increment(ref _connectionsLost);
}

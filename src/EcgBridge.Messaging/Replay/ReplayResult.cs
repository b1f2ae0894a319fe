namespace EcgBridge.Messaging.Replay;

/// <summary>What a replay did: messages moved back, messages still in the error queue, or the code that stopped it.</summary>
public sealed record ReplayResult
{
    /// <summary>Messages republished to the score queue and removed from the error queue (0 on a dry run).</summary>
    public int Replayed { get; init; }

    /// <summary>Messages in the error queue after the run.</summary>
    public int Left { get; init; }

    /// <summary>On a dry run, the parked messages seen (at most the limit); empty otherwise.</summary>
    public IReadOnlyList<ErrorQueueEntry> Listed { get; init; } = [];

    /// <summary>A <see cref="ReplayCodes"/> code when the run could not start or stopped early; null when it completed.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>Where <see cref="ErrorCode"/> applies: host:port or a queue name; never credentials.</summary>
    public string? ErrorLocation { get; init; }
}

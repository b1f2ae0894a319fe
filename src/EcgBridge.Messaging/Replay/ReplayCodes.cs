namespace EcgBridge.Messaging.Replay;

/// <summary>Stable codes of <c>ecgbridge replay</c> (docs/parts/error-codes-replay.md). Codes are never reused.</summary>
public static class ReplayCodes
{
    /// <summary>The broker refused the connection, could not be resolved or rejected the credentials; location is host:port.</summary>
    public const string BrokerUnreachable = "REPLAY-BROKER-UNREACHABLE";

    /// <summary>The error queue or the score queue does not exist on the broker; location is the queue name.</summary>
    public const string QueueMissing = "REPLAY-QUEUE-MISSING";

    /// <summary>The broker refused or returned a republished message; location is the score queue. The error-queue copy is kept.</summary>
    public const string PublishRefused = "REPLAY-PUBLISH-REFUSED";
}

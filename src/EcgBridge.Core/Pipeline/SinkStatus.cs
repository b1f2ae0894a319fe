namespace EcgBridge.Core.Pipeline;

/// <summary>Outcome of one delivery attempt.</summary>
public enum SinkStatus
{
    /// <summary>The destination has it (or had it already).</summary>
    Delivered,

    /// <summary>The destination refused it for good; recorded, not retried.</summary>
    Refused,

    /// <summary>Not delivered now (unreachable, timeout, retryable answer); due again after a back-off.</summary>
    Retry,
}

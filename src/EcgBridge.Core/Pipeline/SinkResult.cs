namespace EcgBridge.Core.Pipeline;

/// <summary>What a <see cref="IResultSink"/> made of one delivery.</summary>
/// <param name="Status">Delivered, refused for good (recorded, not retried) or to be retried.</param>
/// <param name="Code">The error code when not delivered (for the outbox row, the log and the metric).</param>
/// <param name="HttpStatus">The destination's HTTP status, when it answered over HTTP.</param>
public sealed record SinkResult(SinkStatus Status, string? Code = null, int? HttpStatus = null)
{
    /// <summary>Delivered.</summary>
    public static readonly SinkResult Delivered = new(SinkStatus.Delivered);

    /// <summary>Refused for good with <paramref name="code"/>.</summary>
    public static SinkResult Refused(string code, int? httpStatus = null) => new(SinkStatus.Refused, code, httpStatus);

    /// <summary>Not delivered now; try again later.</summary>
    public static SinkResult Retry(string code, int? httpStatus = null) => new(SinkStatus.Retry, code, httpStatus);
}

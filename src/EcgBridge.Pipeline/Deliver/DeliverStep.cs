using System.Diagnostics;
using EcgBridge.Core.Audit;
using EcgBridge.Core.Pipeline;
using EcgBridge.Core.Telemetry;
using EcgBridge.Pipeline.Telemetry;

namespace EcgBridge.Pipeline.Deliver;

/// <summary>
/// The deliver step of the path: one claimed outbox row to its sink. Nothing leaves that the audit row did not bind
/// (the payloads are re-hashed against it first); the sink's answer is recorded on the row — delivered, refused for
/// good, or due again after a back-off that grows with the attempts. The claiming loop lives with the host.
/// </summary>
public sealed class DeliverStep
{
    private readonly IOutbox _outbox;
    private readonly Dictionary<string, IResultSink> _sinks;
    private readonly DeliveryBackoff _backoff;
    private readonly TimeProvider _time;
    private readonly ILogger<DeliverStep> _logger;

    /// <summary>Creates the step over the outbox and one sink per outbox kind.</summary>
    public DeliverStep(IOutbox outbox, IEnumerable<IResultSink> sinks, DeliveryBackoff backoff, TimeProvider time, ILogger<DeliverStep> logger)
    {
        ArgumentNullException.ThrowIfNull(sinks);
        _outbox = outbox;
        _sinks = sinks.ToDictionary(s => s.Kind, StringComparer.Ordinal);
        _backoff = backoff;
        _time = time;
        _logger = logger;
    }

    /// <summary>Delivers one claimed row and records the result; returns the outcome (delivered, refused, retry).</summary>
    public async Task<string> DeliverAsync(OutboxMessage row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        using Activity? activity = PipelineTelemetry.Start(PipelineTelemetry.Deliver, null, ActivityKind.Producer);
        activity?.SetTag(TelemetryTags.OutboxId, row.Id);
        activity?.SetTag(TelemetryTags.OutboxKind, row.Kind);
        long started = Stopwatch.GetTimestamp();
        string outcome = await DeliverOneAsync(row, started, cancellationToken).ConfigureAwait(false);
        activity?.SetTag(TelemetryTags.Outcome, outcome);
        if (outcome != "delivered")
        {
            activity?.SetStatus(ActivityStatusCode.Error, outcome);
        }

        var kind = new KeyValuePair<string, object?>(TelemetryTags.OutboxKind, row.Kind);
        DeliveryMetrics.Deliveries.Add(1, kind, new KeyValuePair<string, object?>(TelemetryTags.Outcome, outcome));
        PipelineMetrics.StepDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, new KeyValuePair<string, object?>(TelemetryTags.Step, "deliver"), kind);
        return outcome;
    }

    private async Task<string> DeliverOneAsync(OutboxMessage row, long started, CancellationToken cancellationToken)
    {
        CoverageCheck coverage = await _outbox.CheckOutboxAsync(row.AuditSequence, cancellationToken).ConfigureAwait(false);
        if (!coverage.Matches && coverage.Code != AuditCodes.CoverageNotRecorded)
        {
            await _outbox.MarkFailedAsync(row.Id, coverage.Code!, null, null, cancellationToken).ConfigureAwait(false);
            DeliveryLog.CoverageRefused(_logger, coverage.Code!, row.AuditSequence);
            DeliveryMetrics.CoverageRefusals.Add(1, new KeyValuePair<string, object?>(TelemetryTags.ErrorCode, coverage.Code));
            return "refused";
        }

        SinkResult result = _sinks.TryGetValue(row.Kind, out IResultSink? sink)
            ? await sink.DeliverAsync(row.Payload, cancellationToken).ConfigureAwait(false)
            : SinkResult.Refused(HostCodes.OutboxKindUnknown);
        switch (result.Status)
        {
            case SinkStatus.Delivered:
                await _outbox.MarkDeliveredAsync(row.Id, cancellationToken).ConfigureAwait(false);
                double elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                DeliveryLog.Delivered(_logger, row.Id, row.Kind, result.HttpStatus ?? 0, elapsedMs);
                return "delivered";
            case SinkStatus.Refused:
                string refused = result.Code ?? HostCodes.OutboxKindUnknown;
                await _outbox.MarkFailedAsync(row.Id, refused, result.HttpStatus, null, cancellationToken).ConfigureAwait(false);
                DeliveryLog.Refused(_logger, row.Id, row.Kind, refused, result.HttpStatus ?? 0);
                return "refused";
            default:
                string code = result.Code ?? HostCodes.OutboxKindUnknown;
                await _outbox.MarkFailedAsync(row.Id, code, result.HttpStatus, _backoff.RetryAt(_time.GetUtcNow(), row.Attempts), cancellationToken).ConfigureAwait(false);
                DeliveryLog.Failed(_logger, row.Id, row.Kind, code);
                return "retry";
        }
    }
}

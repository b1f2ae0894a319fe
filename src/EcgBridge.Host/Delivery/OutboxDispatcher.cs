using System.Diagnostics;
using System.Text.Json;
using EcgBridge.Core.Audit;
using EcgBridge.Core.Telemetry;
using EcgBridge.Host.Telemetry;
using MassTransit;
using Microsoft.Extensions.Options;

namespace EcgBridge.Host.Delivery;

/// <summary>
/// Delivers outbox rows: RiskAssessments to the EHR (conditional create), <see cref="RiskAssessed"/> events to the bus.
/// Claims are leases, so several instances can run dispatchers and a crashed one loses nothing; delivery is idempotent
/// on both sides (conditional create, event carries the dedupe key).
/// </summary>
public sealed class OutboxDispatcher(
    IAuditStore store,
    EhrClient ehr,
    Folders.FolderRegistry folders,
    Hl7.Hl7Destinations destinations,
    IBus bus,
    OutboxSignal signal,
    IOptions<EhrOptions> options,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private readonly EhrOptions _options = options.Value;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            int claimed;
            try
            {
                claimed = await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The dispatcher must outlive a database outage; the next pass retries.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                HostLog.DispatcherPassFailed(logger, ex.GetType().Name);
                claimed = 0;
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(false);
            }

            if (claimed < _options.BatchSize)
            {
                try
                {
                    await signal.WaitAsync(TimeSpan.FromMilliseconds(_options.PollMilliseconds), stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>One pass: claims due rows and delivers them; returns how many were claimed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<OutboxMessage> due = await store.ClaimDueAsync(_options.BatchSize, TimeSpan.FromSeconds(_options.LeaseSeconds), cancellationToken).ConfigureAwait(false);
        if (due.Count == 0)
        {
            return 0;
        }

        await Parallel.ForEachAsync(
            due,
            new ParallelOptions { MaxDegreeOfParallelism = _options.Parallelism, CancellationToken = cancellationToken },
            async (row, token) => await DeliverAsync(row, token).ConfigureAwait(false)).ConfigureAwait(false);
        return due.Count;
    }

    private async Task DeliverAsync(OutboxMessage row, CancellationToken cancellationToken)
    {
        using Activity? activity = PipelineTelemetry.Start(PipelineTelemetry.Deliver, null, ActivityKind.Producer);
        activity?.SetTag(TelemetryTags.OutboxId, row.Id);
        activity?.SetTag(TelemetryTags.OutboxKind, row.Kind);
        long started = Stopwatch.GetTimestamp();
        string outcome = await DeliverOneAsync(row, cancellationToken).ConfigureAwait(false);
        activity?.SetTag(TelemetryTags.Outcome, outcome);
        if (outcome != "delivered")
        {
            activity?.SetStatus(ActivityStatusCode.Error, outcome);
        }

        var kind = new KeyValuePair<string, object?>(TelemetryTags.OutboxKind, row.Kind);
        HostMetrics.Deliveries.Add(1, kind, new KeyValuePair<string, object?>(TelemetryTags.Outcome, outcome));
        PipelineMetrics.StepDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, new KeyValuePair<string, object?>(TelemetryTags.Step, "deliver"), kind);
    }

    /// <summary>Delivers one row; returns delivered, refused, retry or failed.</summary>
    private async Task<string> DeliverOneAsync(OutboxMessage row, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();

        // Nothing leaves that the audit row did not bind: the outbox payloads are re-hashed against it first.
        CoverageCheck coverage = await store.CheckOutboxAsync(row.AuditSequence, cancellationToken).ConfigureAwait(false);
        if (!coverage.Matches && coverage.Code != AuditCodes.CoverageNotRecorded)
        {
            await store.MarkFailedAsync(row.Id, coverage.Code!, null, null, cancellationToken).ConfigureAwait(false);
            HostLog.CoverageRefused(logger, coverage.Code!, row.AuditSequence);
            HostMetrics.CoverageRefusals.Add(1, new KeyValuePair<string, object?>(TelemetryTags.ErrorCode, coverage.Code));
            return "refused";
        }

        switch (row.Kind)
        {
            case OutboxKinds.EhrRiskAssessment:
                if (!_options.Configured)
                {
                    await store.MarkFailedAsync(row.Id, HostCodes.EhrNotConfigured, null, null, cancellationToken).ConfigureAwait(false);
                    return "failed";
                }

                EhrDeliveryResult result = await ehr.DeliverRiskAssessmentAsync(row.Payload, cancellationToken).ConfigureAwait(false);
                switch (result.Status)
                {
                    case EhrDeliveryStatus.Delivered:
                        await store.MarkDeliveredAsync(row.Id, cancellationToken).ConfigureAwait(false);
                        double elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                        HostLog.Delivered(logger, row.Id, result.HttpStatus ?? 0, elapsedMs);
                        return "delivered";
                    case EhrDeliveryStatus.Refused:
                        await store.MarkFailedAsync(row.Id, HostCodes.EhrRefused, result.HttpStatus, null, cancellationToken).ConfigureAwait(false);
                        HostLog.DeliveryRefused(logger, row.Id, result.HttpStatus ?? 0);
                        return "refused";
                    default:
                        string code = result.Code ?? HostCodes.EhrUnavailable;
                        await store.MarkFailedAsync(row.Id, code, result.HttpStatus, RetryAt(row.Attempts), cancellationToken).ConfigureAwait(false);
                        HostLog.DeliveryFailed(logger, row.Id, code);
                        return "retry";
                }
            case OutboxKinds.BusRiskAssessed:
                try
                {
                    RiskAssessed message = JsonSerializer.Deserialize<RiskAssessed>(row.Payload)
                        ?? throw new JsonException("Empty RiskAssessed payload.");
                    await bus.Publish(message, cancellationToken).ConfigureAwait(false);
                    await store.MarkDeliveredAsync(row.Id, cancellationToken).ConfigureAwait(false);
                    return "delivered";
                }
                catch (Exception ex) when (ex is not OperationCanceledException && ex is not JsonException)
                {
                    await store.MarkFailedAsync(row.Id, HostCodes.BusPublishFailed, null, RetryAt(row.Attempts), cancellationToken).ConfigureAwait(false);
                    HostLog.DeliveryFailed(logger, row.Id, HostCodes.BusPublishFailed);
                    return "retry";
                }
            case OutboxKinds.Hl7Oru:
                Hl7OruDelivery? oru = JsonSerializer.Deserialize<Hl7OruDelivery>(row.Payload);
                Hl7.Hl7DestinationClient? client = oru is null ? null : destinations.Client(oru.Destination);
                if (oru is null || client is null)
                {
                    await store.MarkFailedAsync(row.Id, Hl7.Hl7DeliveryCodes.Unknown, null, null, cancellationToken).ConfigureAwait(false);
                    return "failed";
                }

                Hl7.Hl7DeliveryResult sent = await client.SendAsync(System.Text.Encoding.UTF8.GetBytes(oru.Message), oru.ControlId, cancellationToken).ConfigureAwait(false);
                switch (sent.Status)
                {
                    case Hl7.Hl7DeliveryStatus.Delivered:
                        await store.MarkDeliveredAsync(row.Id, cancellationToken).ConfigureAwait(false);
                        return "delivered";
                    case Hl7.Hl7DeliveryStatus.Refused:
                        await store.MarkFailedAsync(row.Id, sent.Code!, null, null, cancellationToken).ConfigureAwait(false);
                        HostLog.DeliveryFailed(logger, row.Id, sent.Code!);
                        return "refused";
                    default:
                        await store.MarkFailedAsync(row.Id, sent.Code!, null, RetryAt(row.Attempts), cancellationToken).ConfigureAwait(false);
                        HostLog.DeliveryFailed(logger, row.Id, sent.Code!);
                        return "retry";
                }

            case OutboxKinds.FolderRiskAssessment:
                FolderResult? folderResult = JsonSerializer.Deserialize<FolderResult>(row.Payload);
                if (folderResult is null || !await folders.WriteResultAsync(folderResult.Folder, folderResult.FileName, folderResult.ResourceJson, cancellationToken).ConfigureAwait(false))
                {
                    await store.MarkFailedAsync(row.Id, Folders.FolderCodes.ResultsFolderUnknown, null, null, cancellationToken).ConfigureAwait(false);
                    return "failed";
                }

                await store.MarkDeliveredAsync(row.Id, cancellationToken).ConfigureAwait(false);
                return "delivered";
            default:
                await store.MarkFailedAsync(row.Id, HostCodes.OutboxKindUnknown, null, null, cancellationToken).ConfigureAwait(false);
                return "failed";
        }
    }

    private DateTimeOffset RetryAt(int attempts) =>
        DateTimeOffset.UtcNow.AddSeconds(Math.Min(_options.MaxRedeliverySeconds, _options.RedeliverySeconds * Math.Max(1, attempts)));
}

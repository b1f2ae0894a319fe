using System.Diagnostics;
using EcgBridge.Core.Pipeline;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace EcgBridge.Messaging;

/// <summary>
/// Consumes <see cref="ScoreEcg"/>: hands it to the host's pipeline, publishes <see cref="EcgRejected"/> for a late
/// rejection. Infrastructure exceptions propagate so the definition's retry policy applies; the message stays unacked
/// until then, so a crash loses nothing.
/// </summary>
public sealed class ScoreEcgConsumer(IScoreEcgHandler handler, ILogger<ScoreEcgConsumer> logger) : IConsumer<ScoreEcg>
{
    /// <inheritdoc />
    public async Task Consume(ConsumeContext<ScoreEcg> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        long started = Stopwatch.GetTimestamp();
        ScoreEcg command = context.Message;
        ScoreEcgOutcome outcome;
        try
        {
            // Not the consume token: when the transport cancels it (broker connection lost), Npgsql would cancel the
            // running audit statement, and MassTransit faults a cancelled message to the error queue although it was
            // AA'd (seen in the fault run). One record step runs to its end; the database's own timeouts bound it.
            outcome = await handler.HandleAsync(command, CancellationToken.None).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (TransientFaults.IsOutage(ex))
        {
            // MassTransit never retries an OperationCanceledException; one raised by the database (57014) is an outage.
            throw new TransientFaultException("Processing was cancelled by the database, not by the consumer.", ex);
        }

        double elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        switch (outcome.Kind)
        {
            case ScoreEcgOutcomeKind.Scored:
                MessagingLog.Scored(logger, command.Channel, elapsedMs);
                break;
            case ScoreEcgOutcomeKind.AlreadyRecorded:
                MessagingLog.AlreadyRecorded(logger, command.Channel);
                break;
            default:
                MessagingLog.RejectedLate(logger, command.Channel, string.Join(',', outcome.Codes));
                await context.Publish(
                    new EcgRejected
                    {
                        MessageKey = command.DedupeKey,
                        Channel = command.Channel,
                        Codes = outcome.Codes,
                        RejectedAt = DateTimeOffset.UtcNow,
                    },
                    context.CancellationToken).ConfigureAwait(false);
                break;
        }
    }
}

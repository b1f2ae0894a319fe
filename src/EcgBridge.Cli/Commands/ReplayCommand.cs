using System.CommandLine;
using EcgBridge.Messaging.Replay;

namespace EcgBridge.Cli.Commands;

/// <summary>
/// <c>ecgbridge replay --rabbitmq &lt;amqp uri&gt; [--queue ecgbridge-score-ecg] [--max N] [--dry-run]</c>: moves ScoreEcg
/// messages parked in <c>&lt;queue&gt;_error</c> (an outage outlasted the consumer's retries) back to the score queue so
/// they are scored once. Exit 0 done, 2 usage, 5 broker unreachable, queue missing or publish refused.
/// </summary>
internal static class ReplayCommand
{
    /// <summary>Exit code when the broker cannot be reached, a queue does not exist or the broker refused a publish.</summary>
    public const int ExitBroker = 5;

    /// <summary>The service's own setting, read when <c>--rabbitmq</c> is not given (keeps the password off the command line).</summary>
    private const string RabbitMqVariable = "EcgBridge__Bus__RabbitMq";

    public static Command Create()
    {
        var rabbitmq = new Option<string?>("--rabbitmq")
        {
            Description = "RabbitMQ address, e.g. amqp://user:pass@host:5672/vhost (default: $" + RabbitMqVariable + ").",
        };
        var queue = new Option<string>("--queue")
        {
            Description = "Score queue (EntityPrefix + ScoreQueue); messages are read from <queue>_error.",
            DefaultValueFactory = _ => "ecgbridge-score-ecg",
        };
        var max = new Option<int?>("--max") { Description = "Replay (or list) at most this many messages." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Only count and list message ids and fault exception types; move nothing." };
        var command = new Command("replay", "Move ScoreEcg messages from the RabbitMQ error queue back to the score queue.");
        command.Options.Add(rabbitmq);
        command.Options.Add(queue);
        command.Options.Add(max);
        command.Options.Add(dryRun);
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetValue(rabbitmq) ?? Environment.GetEnvironmentVariable(RabbitMqVariable),
            parseResult.GetValue(queue)!,
            parseResult.GetValue(max),
            parseResult.GetValue(dryRun),
            cancellationToken));
        return command;
    }

    internal static async Task<int> RunAsync(string? rabbitmq, string queue, int? max, bool dryRun, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(rabbitmq)
            || !Uri.TryCreate(rabbitmq, UriKind.Absolute, out Uri? broker)
            || broker.Scheme is not ("amqp" or "amqps"))
        {
            await Console.Error.WriteLineAsync("error: --rabbitmq must be an amqp:// or amqps:// address").ConfigureAwait(false);
            return EcgBridgeCommand.ExitUsage;
        }

        if (string.IsNullOrWhiteSpace(queue) || max is < 1)
        {
            await Console.Error.WriteLineAsync("error: --queue must not be empty and --max must be at least 1").ConfigureAwait(false);
            return EcgBridgeCommand.ExitUsage;
        }

        ReplayResult result = await ErrorQueueReplayer.ReplayAsync(broker, queue, max, dryRun, TimeProvider.System, cancellationToken).ConfigureAwait(false);
        foreach (ErrorQueueEntry entry in result.Listed)
        {
            await Console.Out.WriteLineAsync($"{entry.MessageId ?? "-"} {entry.FaultType ?? "-"}").ConfigureAwait(false);
        }

        if (result.ErrorCode is ReplayCodes.BrokerUnreachable or ReplayCodes.QueueMissing)
        {
            await Console.Error.WriteLineAsync($"error: {result.ErrorCode} {result.ErrorLocation}").ConfigureAwait(false);
            return ExitBroker;
        }

        await Console.Out.WriteLineAsync($"replayed {result.Replayed}, left {result.Left}{(dryRun ? " (dry run)" : "")}").ConfigureAwait(false);
        if (result.ErrorCode is not null)
        {
            await Console.Error.WriteLineAsync($"error: {result.ErrorCode} {result.ErrorLocation}").ConfigureAwait(false);
            return ExitBroker;
        }

        return EcgBridgeCommand.ExitOk;
    }
}


namespace EcgBridge.Core.Pipeline;

/// <summary>
/// Hands a <see cref="ScoreEcg"/> to the bus and returns only once the broker confirmed it (RabbitMQ publisher confirm,
/// mandatory routing so an unbound queue fails instead of dropping), or once the in-memory queue holds it.
/// </summary>
public interface IScoreEcgSender
{
    /// <summary>Sends the command; throws when the bus did not take it.</summary>
    Task SendAsync(ScoreEcg command, CancellationToken cancellationToken);
}


namespace EcgBridge.Core.Pipeline;

/// <summary>
/// Port the host implements: decode again, normalize, score and record one accepted message. Must be idempotent per
/// dedupe key (a redelivered or re-published command records nothing twice). Throws only for infrastructure faults,
/// which the consumer retries.
/// </summary>
public interface IScoreEcgHandler
{
    /// <summary>Processes one command and says what happened.</summary>
    Task<ScoreEcgOutcome> HandleAsync(ScoreEcg command, CancellationToken cancellationToken);
}

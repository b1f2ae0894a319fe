namespace EcgBridge.Core.Scoring;

/// <summary>Port: scores normalized ECGs. Implementations batch concurrent calls.</summary>
public interface IEcgScorer
{
    /// <summary>The model behind this scorer.</summary>
    ModelIdentity Model { get; }

    /// <summary>Scores one tensor.</summary>
    ValueTask<Prediction> ScoreAsync(EcgTensor tensor, CancellationToken cancellationToken);
}

namespace EcgBridge.Core.Scoring;

/// <summary>The model's answer for one ECG.</summary>
public sealed record Prediction(double Probability, RiskLevel Risk, bool Positive, ModelIdentity Model)
{
    /// <summary>Raw logits (class 0, class 1), for audit and parity checks.</summary>
    public IReadOnlyList<float> Logits { get; init; } = [];

    /// <summary>Time spent in the model for this ECG's batch, in milliseconds.</summary>
    public double InferenceMilliseconds { get; init; }

    /// <summary>Size of the micro-batch this ECG was scored in.</summary>
    public int BatchSize { get; init; } = 1;
}

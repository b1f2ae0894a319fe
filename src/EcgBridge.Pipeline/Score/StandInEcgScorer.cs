using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using EcgBridge.Core;
using EcgBridge.Core.Normalization;
using EcgBridge.Core.Scoring;

namespace EcgBridge.Pipeline.Score;

/// <summary>
/// A stand-in for the model in reliability runs (<c>EcgBridge:Inference:StandIn=fixed-cost:20ms</c>): waits a fixed time
/// and answers a fixed probability. Its identity says so in every audit row and RiskAssessment (name
/// <see cref="ModelName"/>, not for clinical use, shadow → status preliminary), so its output is never mistaken for a score.
/// </summary>
public sealed class StandInEcgScorer : IEcgScorer
{
    /// <summary>The model name recorded for stand-in results.</summary>
    public const string ModelName = "STAND-IN (not a model)";

    /// <summary>The configuration key that switches the stand-in on.</summary>
    public const string ConfigurationKey = "EcgBridge:Inference:StandIn";

    /// <summary>The environment flag that must say Development or Test for the stand-in to be allowed.</summary>
    public const string EnvironmentKey = "EcgBridge:Environment";

    private const string Prefix = "fixed-cost:";
    private const double Probability = 0.1;
    private readonly TimeSpan _cost;

    public StandInEcgScorer(TimeSpan cost)
    {
        _cost = cost;
        Model = new ModelIdentity(ModelName, "fixed-cost-" + cost.TotalMilliseconds.ToString(CultureInfo.InvariantCulture) + "ms", new string('0', 64), PreprocessingOptions.CurrentVersion)
        {
            NotForClinicalUse = true,
            Shadow = true,
            IntendedUse = "Reliability testing only: a fixed probability after a fixed delay, standing in for the model. Not a model; not for clinical use.",
        };
    }

    /// <inheritdoc />
    public ModelIdentity Model { get; }

    /// <summary>The fixed time one call takes.</summary>
    public TimeSpan Cost => _cost;

    /// <summary>Parses <c>fixed-cost:&lt;n&gt;ms</c> or <c>fixed-cost:&lt;n&gt;s</c>.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out StandInEcgScorer? scorer)
    {
        scorer = null;
        if (text is null || !text.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        string amount = text[Prefix.Length..].Trim();
        double factor = amount.EndsWith("ms", StringComparison.OrdinalIgnoreCase) ? 1 : amount.EndsWith('s') ? 1000 : double.NaN;
        string number = amount.TrimEnd('m', 's', 'M', 'S');
        if (double.IsNaN(factor) || !double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || value < 0 || value > 3_600_000)
        {
            return false;
        }

        scorer = new StandInEcgScorer(TimeSpan.FromMilliseconds(value * factor));
        return true;
    }

    /// <inheritdoc />
    public async ValueTask<Prediction> ScoreAsync(EcgTensor tensor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (_cost > TimeSpan.Zero)
        {
            await Task.Delay(_cost, cancellationToken).ConfigureAwait(false);
        }

        return new Prediction(Probability, RiskLevel.Low, Positive: false, Model)
        {
            Logits = [0f, 0f],
            InferenceMilliseconds = _cost.TotalMilliseconds,
        };
    }
}

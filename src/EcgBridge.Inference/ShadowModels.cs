using System.Globalization;
using EcgBridge.Core.Scoring;
using Microsoft.Extensions.Logging;

namespace EcgBridge.Inference;

/// <summary>
/// The shadow models: each verified like the primary (manifest, SHA-256 of model.onnx, input/output shapes) and, since
/// the tensor is made once by the primary's preprocessing, refused at start when its preprocessing differs from the
/// primary's (MODEL-SHADOW-PREPROCESSING-MISMATCH) or its input shape does (MODEL-SHADOW-INPUT-MISMATCH). Their
/// predictions carry <see cref="ModelIdentity.Shadow"/> = true.
/// </summary>
public sealed class ShadowModels : IShadowScorers, IDisposable
{
    private readonly double _sampling;

    private ShadowModels(IReadOnlyList<OnnxEcgScorer> scorers, double sampling)
    {
        Loaded = scorers;
        _sampling = sampling;
    }

    /// <summary>The loaded shadow scorers, in configuration order.</summary>
    public IReadOnlyList<OnnxEcgScorer> Loaded { get; }

    /// <inheritdoc />
    public IReadOnlyList<IEcgScorer> Scorers => Loaded;

    /// <summary>No shadow models.</summary>
    public static ShadowModels None { get; } = new([], 0);

    /// <summary>Loads and verifies every shadow model of <paramref name="models"/> against the primary's manifest.</summary>
    /// <exception cref="ModelLoadException">A shadow model cannot be trusted, loaded, or fed the primary's tensor.</exception>
    public static ShadowModels Load(ModelsOptions models, ModelManifest primary, InferenceOptions inference, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(primary);
        ArgumentNullException.ThrowIfNull(inference);
        if (models.Shadow.Count == 0)
        {
            return None;
        }

        string registry = ModelDirectory.ResolveRegistry(models.Directory);
        var scorers = new List<OnnxEcgScorer>(models.Shadow.Count);

        // Fewer intra-op threads than the primary: a shadow batch then leaves a core to a primary ECG arriving meanwhile.
        InferenceOptions shadowInference = models.ShadowIntraOpThreads > 0 ? inference with { IntraOpThreads = models.ShadowIntraOpThreads } : inference;
        try
        {
            foreach (string name in models.Shadow)
            {
                ModelManifest manifest = ModelManifest.Load(Path.Combine(registry, name)) with { Shadow = true };
                if (System.Text.Json.JsonSerializer.Serialize(manifest.Preprocessing) != System.Text.Json.JsonSerializer.Serialize(primary.Preprocessing))
                {
                    throw new ModelLoadException(
                        InferenceCodes.ShadowPreprocessingMismatch,
                        $"Shadow model '{name}' expects preprocessing {manifest.Preprocessing.Version}, not the primary's {primary.Preprocessing.Version}: the tensor is made once, by the primary's preprocessing.");
                }

                if (!manifest.Input.Shape.SequenceEqual(primary.Input.Shape))
                {
                    throw new ModelLoadException(
                        InferenceCodes.ShadowInputMismatch,
                        $"Shadow model '{name}' takes input [{string.Join(",", manifest.Input.Shape)}], the primary [{string.Join(",", primary.Input.Shape)}].");
                }

                if (manifest.Sha256 == primary.Sha256 && manifest.Name == primary.Name && manifest.Version == primary.Version)
                {
                    throw new ModelLoadException(InferenceCodes.ManifestInvalid, $"Shadow model '{name}' is the primary model itself.");
                }

                scorers.Add(new OnnxEcgScorer(manifest, shadowInference, loggers?.CreateLogger<OnnxEcgScorer>()));
            }
        }
        catch
        {
            foreach (OnnxEcgScorer scorer in scorers)
            {
                scorer.Dispose();
            }

            throw;
        }

        return new ShadowModels(scorers, models.ShadowSampling);
    }

    /// <summary>True when this tensor is in the sample the shadow models score (by its SHA-256, so a resend decides alike).</summary>
    public bool Samples(string tensorSha256)
    {
        ArgumentNullException.ThrowIfNull(tensorSha256);
        if (Scorers.Count == 0 || _sampling <= 0)
        {
            return false;
        }

        if (_sampling >= 1)
        {
            return true;
        }

        uint bucket = uint.Parse(tensorSha256.AsSpan(0, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return bucket < _sampling * uint.MaxValue;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (OnnxEcgScorer scorer in Loaded)
        {
            scorer.Dispose();
        }
    }
}

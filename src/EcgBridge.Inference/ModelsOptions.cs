using System.ComponentModel.DataAnnotations;

namespace EcgBridge.Inference;

/// <summary>
/// The model registry (<c>EcgBridge:Models</c>): a folder of model folders (model.onnx + manifest.json + MODEL_CARD.md),
/// the primary model by folder name, and candidate models scored beside it in shadow.
/// </summary>
public sealed record ModelsOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "EcgBridge:Models";

    /// <summary>The registry folder (resolved like a model folder: absolute, beside the app, or in a checkout).</summary>
    public string Directory { get; init; } = "models";

    /// <summary>
    /// Folder name of the primary model under <see cref="Directory"/>; its results are final and delivered. Empty: the
    /// folder of <c>EcgBridge:Inference:ModelDirectory</c> (default <c>models/ecg-smart-net</c>).
    /// </summary>
    public string? Primary { get; init; }

    /// <summary>Folder names of shadow models (<c>Shadow:0</c>, <c>Shadow:1</c>, …): scored, recorded, never delivered.</summary>
    public IReadOnlyList<string> Shadow { get; init; } = [];

    /// <summary>Share of accepted ECGs the shadow models score (1 = every one); chosen by the tensor hash, so repeatable.</summary>
    [Range(0.0, 1.0)]
    public double ShadowSampling { get; init; } = 1.0;

    /// <summary>
    /// Intra-op threads of each shadow model's session (0 = as the primary, <c>EcgBridge:Inference:IntraOpThreads</c>).
    /// Default 1: on a small machine a shadow batch then leaves the other cores to the primary.
    /// </summary>
    [Range(0, 256)]
    public int ShadowIntraOpThreads { get; init; } = 1;
}

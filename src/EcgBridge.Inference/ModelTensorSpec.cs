namespace EcgBridge.Inference;

/// <summary>A model input or output as the manifest declares it (-1 marks the dynamic batch axis).</summary>
public sealed record ModelTensorSpec
{
    public string Name { get; init; } = "";

    public IReadOnlyList<long> Shape { get; init; } = [];

    public string ElementType { get; init; } = "float32";

    /// <summary>Free text: layout or meaning.</summary>
    public string? Layout { get; init; }

    /// <summary>Free text: what the values mean (output).</summary>
    public string? Meaning { get; init; }

    /// <summary>Index of the positive (OMI) class in the output logits.</summary>
    public int PositiveClassIndex { get; init; } = 1;
}

namespace EcgBridge.Inference;

/// <summary>Codes of model start-up faults (infrastructure, not input): carried by <see cref="ModelLoadException"/>.</summary>
public static class InferenceCodes
{
    /// <summary>model.onnx or manifest.json is not in the model folder.</summary>
    public const string ModelFileMissing = "MODEL-FILE-MISSING";

    /// <summary>manifest.json is not valid JSON or lacks a required field.</summary>
    public const string ManifestInvalid = "MODEL-MANIFEST-INVALID";

    /// <summary>The sha256 of model.onnx differs from the manifest's.</summary>
    public const string HashMismatch = "MODEL-HASH-MISMATCH";

    /// <summary>The model's input (name, element type or shape) differs from the manifest or from N x 1 x 12 x 5000.</summary>
    public const string InputShapeMismatch = "MODEL-INPUT-SHAPE-MISMATCH";

    /// <summary>The model's output (name, element type or shape) differs from the manifest or from N x 2.</summary>
    public const string OutputShapeMismatch = "MODEL-OUTPUT-SHAPE-MISMATCH";

    /// <summary>The manifest asks for a preprocessing version or lead order this build does not implement.</summary>
    public const string PreprocessingUnsupported = "MODEL-PREPROCESSING-UNSUPPORTED";

    /// <summary>ONNX Runtime could not load the model file.</summary>
    public const string SessionFailed = "MODEL-SESSION-FAILED";

    /// <summary>A shadow model expects another preprocessing than the primary (the tensor is made once, by the primary's).</summary>
    public const string ShadowPreprocessingMismatch = "MODEL-SHADOW-PREPROCESSING-MISMATCH";

    /// <summary>A shadow model's input shape differs from the primary's.</summary>
    public const string ShadowInputMismatch = "MODEL-SHADOW-INPUT-MISMATCH";
}

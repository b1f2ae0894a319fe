namespace EcgBridge.Inference;

/// <summary>The model folder cannot be trusted or loaded; the scorer refuses to start. Carries a stable code.</summary>
public sealed class ModelLoadException : Exception
{
    public ModelLoadException()
    {
        Code = InferenceCodes.ManifestInvalid;
    }

    public ModelLoadException(string message)
        : base(message)
    {
        Code = InferenceCodes.ManifestInvalid;
    }

    public ModelLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = InferenceCodes.ManifestInvalid;
    }

    public ModelLoadException(string code, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
    }

    /// <summary>One of <see cref="InferenceCodes"/>.</summary>
    public string Code { get; }
}

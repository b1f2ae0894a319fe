namespace EcgBridge.Host;

/// <summary>Start-up refused: a channel or destination is misconfigured (the message is a code and a setting name, never a value).</summary>
public sealed class ConfigurationRefusedException : Exception
{
    public ConfigurationRefusedException()
        : this("configuration refused")
    {
    }

    public ConfigurationRefusedException(string message)
        : base(message)
    {
    }

    public ConfigurationRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

namespace EcgBridge.Host.Security;

/// <summary>Start-up refused because the security configuration is unusable; <see cref="Code"/> is a <see cref="SecurityCodes"/> code.</summary>
public sealed class SecurityConfigurationException : Exception
{
    public SecurityConfigurationException()
        : this(SecurityCodes.TokenInvalid, "invalid security configuration")
    {
    }

    public SecurityConfigurationException(string message)
        : this(SecurityCodes.TokenInvalid, message)
    {
    }

    public SecurityConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = SecurityCodes.TokenInvalid;
    }

    public SecurityConfigurationException(string code, string message)
        : base(code + ": " + message)
    {
        Code = code;
    }

    /// <summary>The coded reason (names the setting, never its value).</summary>
    public string Code { get; } = SecurityCodes.TokenInvalid;
}

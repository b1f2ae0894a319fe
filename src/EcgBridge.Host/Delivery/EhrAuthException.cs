namespace EcgBridge.Host.Delivery;

/// <summary>No token for the EHR could be had; <see cref="Exception.Message"/> is an <see cref="EhrAuthCodes"/> code.</summary>
public sealed class EhrAuthException : Exception
{
    public EhrAuthException()
        : this(EhrAuthCodes.ConfigurationInvalid)
    {
    }

    public EhrAuthException(string code)
        : base(code)
    {
    }

    public EhrAuthException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

namespace EcgBridge.Host;

/// <summary>Start-up refused: the stand-in scorer was asked for outside a Development/Test environment (or malformed).</summary>
public sealed class StandInRefusedException : Exception
{
    public StandInRefusedException()
        : this(HostCodes.StandInRefused)
    {
    }

    public StandInRefusedException(string message)
        : base(message)
    {
    }

    public StandInRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

namespace EcgBridge.Messaging;

/// <summary>
/// Wraps an <see cref="OperationCanceledException"/> that did not come from the consumer's own token (Npgsql reports a
/// statement cancelled by a server shutdown, SQLSTATE 57014, that way) so the retry filters retry it as an outage.
/// </summary>
public sealed class TransientFaultException : Exception
{
    public TransientFaultException()
    {
    }

    public TransientFaultException(string message)
        : base(message)
    {
    }

    public TransientFaultException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

namespace EcgBridge.Hl7v2.Fuzz;

/// <summary>A broken invariant found by the fuzz target; afl-fuzz records it as a crash.</summary>
public sealed class FuzzInvariantException : Exception
{
    public FuzzInvariantException()
    {
    }

    public FuzzInvariantException(string message)
        : base(message)
    {
    }

    public FuzzInvariantException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

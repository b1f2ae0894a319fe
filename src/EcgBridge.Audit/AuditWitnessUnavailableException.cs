using EcgBridge.Core.Audit;

namespace EcgBridge.Audit;

/// <summary>
/// Thrown by audit writes while the witness is required (<see cref="AuditOptions.RequireWitness"/>) but cannot be
/// written: an infrastructure fault, so the message is not acknowledged and the sender retries.
/// </summary>
public sealed class AuditWitnessUnavailableException : Exception
{
    public AuditWitnessUnavailableException()
        : base($"{AuditCodes.WitnessUnwritable}: the audit witness cannot be written and is required.")
    {
    }

    public AuditWitnessUnavailableException(string message)
        : base(message)
    {
    }

    public AuditWitnessUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

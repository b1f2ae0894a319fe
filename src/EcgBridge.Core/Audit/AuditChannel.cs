namespace EcgBridge.Core.Audit;

/// <summary>How a message reached EcgBridge.</summary>
public enum AuditChannel
{
    Mllp = 0,
    Fhir = 1,
    Amqp = 2,
    Folder = 3,
}

namespace EcgBridge.Core.Audit;

/// <summary>Delivery state of an outbox row.</summary>
public enum OutboxStatus
{
    Pending = 0,
    Done = 1,
    Failed = 2,
}

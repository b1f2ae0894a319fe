namespace EcgBridge.Core.Audit;

/// <summary>Outbox rows still waiting for delivery, and when the oldest of them was written (null when none waits).</summary>
public sealed record OutboxBacklog(long Pending, DateTimeOffset? OldestCreatedAt);

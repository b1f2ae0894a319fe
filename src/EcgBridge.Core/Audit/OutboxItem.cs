namespace EcgBridge.Core.Audit;

/// <summary>A delivery to make after commit: <see cref="Kind"/> names the target (see <see cref="OutboxKinds"/>).</summary>
public sealed record OutboxItem(string Kind, string Payload);

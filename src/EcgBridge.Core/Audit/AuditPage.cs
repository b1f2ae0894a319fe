namespace EcgBridge.Core.Audit;

/// <summary>One page of a compliance search, in sequence order, with the total number of matches.</summary>
public sealed record AuditPage(int Total, IReadOnlyList<AuditEntry> Items);

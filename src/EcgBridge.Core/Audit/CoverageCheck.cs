namespace EcgBridge.Core.Audit;

/// <summary>
/// A stored document checked against the hash its audit row recorded. <see cref="Code"/> is null when it matches; the
/// JSON is given only then (never serve or deliver a document whose hash does not match).
/// </summary>
/// <param name="Code">Null, or an <see cref="AuditCodes"/> coverage code.</param>
/// <param name="AuditSequence">The audit row that covers the document, when there is one.</param>
/// <param name="Json">The stored document, only when it matches.</param>
/// <param name="LastUpdated">When the document was stored (FHIR <c>meta.lastUpdated</c>), when known.</param>
public sealed record CoverageCheck(string? Code, long? AuditSequence, string? Json, DateTimeOffset? LastUpdated = null)
{
    /// <summary>True when the stored document hashes to what the audit row recorded.</summary>
    public bool Matches => Code is null;
}

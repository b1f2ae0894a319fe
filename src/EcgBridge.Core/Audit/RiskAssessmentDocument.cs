namespace EcgBridge.Core.Audit;

/// <summary>
/// A RiskAssessment kept for the host's own FHIR read API: <see cref="Json"/> is served verbatim;
/// <see cref="SubjectReference"/> (<c>Patient/123</c>) and <see cref="Occurrence"/> are the search keys;
/// <see cref="LastUpdated"/> is when it was stored (set by the store when read back); <see cref="OrderId"/> is the
/// ECG's order number (HL7 OBR-2, else OBR-3; FHIR basedOn), by which an HL7 v2 result for the same order finds it.
/// </summary>
public sealed record RiskAssessmentDocument(string Id, string? SubjectReference, DateTimeOffset? Occurrence, string Json, DateTimeOffset? LastUpdated = null, string? OrderId = null);

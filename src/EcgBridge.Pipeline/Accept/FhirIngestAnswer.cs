namespace EcgBridge.Pipeline.Accept;

/// <summary>The HTTP answer to a FHIR POST: status, body and (for 201) the Location of the RiskAssessment to come.</summary>
public sealed record FhirIngestAnswer(int Status, string ContentType, byte[] Body, string? Location);

namespace EcgBridge.Host;

/// <summary>Service-wide settings (<c>EcgBridge</c> section).</summary>
public sealed class EcgBridgeHostOptions
{
    public const string SectionName = "EcgBridge";

    /// <summary>Where embedded state lives: the SQLite audit file and the payload spool. Default <c>./.ecgbridge</c>.</summary>
    public string DataDir { get; set; } = ".ecgbridge";

    /// <summary>HTTP listen address of the FHIR API and health endpoints; port 0 picks a free port.</summary>
    public string HttpUrl { get; set; } = "http://127.0.0.1:8080";

    /// <summary>
    /// The service's public FHIR base as clients reach it (behind a proxy: its external URL, e.g.
    /// <c>https://ecg.hospital.org/fhir</c>): used in links, <c>fullUrl</c>, <c>Location</c> and the model-card URL.
    /// Empty: taken from each request (scheme and host, after trusted forwarded headers).
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>FHIR settings (<c>EcgBridge:Fhir</c>): canonical base, inbound validation.</summary>
    public FhirApiOptions Fhir { get; set; } = new();

    /// <summary>The canonical base in effect: <c>EcgBridge:Fhir:CanonicalBase</c>, else <see cref="PublicBaseUrl"/>, else the default.</summary>
    public string EffectiveCanonicalBase =>
        !string.IsNullOrWhiteSpace(Fhir.CanonicalBase) ? Fhir.CanonicalBase
        : !string.IsNullOrWhiteSpace(PublicBaseUrl) ? PublicBaseUrl
        : EcgBridge.Fhir.FhirSystems.DefaultCanonicalBase;

    /// <summary>Largest FHIR request body in bytes; larger ones get 413 with an OperationOutcome.</summary>
    public long MaxBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// Mapping profiles folder (mappings/*.json): absolute, or relative to the application folder (where build and publish
    /// put the shipped profiles), then to the current directory. Every file must load or the service refuses to start.
    /// </summary>
    public string MappingsDirectory { get; set; } = "mappings";
}

/// <summary>FHIR settings (<c>EcgBridge:Fhir</c>).</summary>
public sealed class FhirApiOptions
{
    /// <summary>
    /// Base of the canonical URLs of EcgBridge's code systems (outcome, model, error codes), for example
    /// <c>https://ecg.hospital.org/fhir</c>. Empty: <c>EcgBridge:PublicBaseUrl</c>, else <c>http://localhost:8080/fhir</c>.
    /// The service serves them at <c>&lt;base&gt;/CodeSystem/&lt;id&gt;</c>, so with the default they resolve; an
    /// organisation running several installations sets one value for all so EHR mappings hold across sites.
    /// </summary>
    public string? CanonicalBase { get; set; }

    /// <summary>
    /// Validate every incoming FHIR body (REST and AMQP) with Firely's validator before decoding; errors are refused
    /// 422 with FHIR-INSTANCE-INVALID. Off by default (it costs time per ECG; see docs/benchmarks.md).
    /// </summary>
    public bool ValidateIncoming { get; set; }
}

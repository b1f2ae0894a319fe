namespace EcgBridge.Fhir;

/// <summary>FHIR wire format of a body; <see cref="Unknown"/> asks the decoder to sniff the content.</summary>
public enum FhirFormat
{
    /// <summary>Sniff: the first non-blank byte '{' is JSON, '&lt;' is XML.</summary>
    Unknown = 0,

    /// <summary>application/fhir+json.</summary>
    Json = 1,

    /// <summary>application/fhir+xml.</summary>
    Xml = 2,
}

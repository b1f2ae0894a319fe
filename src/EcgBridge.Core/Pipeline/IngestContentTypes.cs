namespace EcgBridge.Core.Pipeline;

/// <summary>Content types of raw payloads carried by <see cref="ScoreEcg"/> and accepted on the AMQP ingestion queue.</summary>
public static class IngestContentTypes
{
    /// <summary>HL7 v2 ER7 (pipe and hat) as integration engines label it on RabbitMQ.</summary>
    public const string Hl7v2 = "x-application/hl7-v2+er7";

    public const string FhirJson = "application/fhir+json";

    public const string FhirXml = "application/fhir+xml";

    /// <summary>A vendor ECG file (GE MUSE XML, Philips XML, HL7 aECG, DICOM) read from a watched folder.</summary>
    public const string VendorFile = "application/x-ecg-file";
}

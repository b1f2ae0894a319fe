namespace EcgBridge.Fhir;

/// <summary>
/// Stable codes for FHIR input problems (docs/error-codes.md). Locations are FHIRPath expressions with 0-based indexes
/// (<c>Observation.component[3].valueSampledData.period</c>, <c>Bundle.entry[1].resource.valueSampledData</c>).
/// Codes are never reused; a retired code stays here marked obsolete.
/// </summary>
public static class FhirCodes
{
    /// <summary>The body is empty.</summary>
    public const string BodyEmpty = "FHIR-BODY-EMPTY";

    /// <summary>The body is larger than the configured limit; refused before parsing.</summary>
    public const string BodyTooLarge = "FHIR-BODY-TOO-LARGE";

    /// <summary>The body is neither FHIR JSON nor FHIR XML (content sniffing found no object or element).</summary>
    public const string FormatUnknown = "FHIR-FORMAT-UNKNOWN";

    /// <summary>The JSON or XML is not well formed; location is the line number.</summary>
    public const string SyntaxInvalid = "FHIR-SYNTAX-INVALID";

    /// <summary>Objects/arrays (JSON) or elements (XML) are nested deeper than the configured limit.</summary>
    public const string NestingTooDeep = "FHIR-NESTING-TOO-DEEP";

    /// <summary>Firely's strict parser found a structural problem (unknown element, wrong type, bad primitive).</summary>
    public const string StructureInvalid = "FHIR-STRUCTURE-INVALID";

    /// <summary>
    /// Inbound validation is on (<c>EcgBridge:Fhir:ValidateIncoming</c>) and Firely's validator found an error against the
    /// R4 base definitions; location is the validator's FHIRPath (one issue per error, at most 20).
    /// </summary>
    public const string InstanceInvalid = "FHIR-INSTANCE-INVALID";

    /// <summary>The resource is neither an Observation nor a Bundle (for example a Device or DeviceMetric).</summary>
    public const string ResourceTypeUnsupported = "FHIR-RESOURCE-TYPE-UNSUPPORTED";

    /// <summary>The Bundle type is not transaction, batch or collection.</summary>
    public const string BundleTypeUnsupported = "FHIR-BUNDLE-TYPE-UNSUPPORTED";

    /// <summary>The Bundle holds no Observation with sampled data.</summary>
    public const string BundleNoEcg = "FHIR-BUNDLE-NO-ECG";

    /// <summary>The Observation carries no lead: no component and no value with SampledData mapped to a lead.</summary>
    public const string ObservationNoLeads = "FHIR-OBSERVATION-NO-LEADS";

    /// <summary>SampledData.data is absent or empty.</summary>
    public const string DataMissing = "FHIR-SAMPLEDDATA-DATA-MISSING";

    /// <summary>SampledData.data holds a token that is neither a decimal nor E, L or U.</summary>
    public const string DataNotNumeric = "FHIR-SAMPLEDDATA-DATA-NONNUMERIC";

    /// <summary>The number of data points is not a multiple of dimensions.</summary>
    public const string DataCountMismatch = "FHIR-SAMPLEDDATA-DATA-COUNT";

    /// <summary>dimensions is missing, below 1, not 1 for a per-lead component, or not the profile's interleaved lead count.</summary>
    public const string DimensionsInvalid = "FHIR-SAMPLEDDATA-DIMENSIONS-INVALID";

    /// <summary>period is missing, zero or negative.</summary>
    public const string PeriodInvalid = "FHIR-SAMPLEDDATA-PERIOD-INVALID";

    /// <summary>Leads of one Observation have different periods.</summary>
    public const string PeriodMismatch = "FHIR-SAMPLEDDATA-PERIOD-MISMATCH";

    /// <summary>origin is missing.</summary>
    public const string OriginMissing = "FHIR-SAMPLEDDATA-ORIGIN-MISSING";

    /// <summary>origin has neither code nor unit and the profile names no default unit.</summary>
    public const string OriginUnitMissing = "FHIR-SAMPLEDDATA-ORIGIN-UNIT-MISSING";

    /// <summary>Interleaved data (dimensions &gt; 1) arrived but the profile gives no lead order.</summary>
    public const string InterleavedOrderMissing = "FHIR-INTERLEAVED-ORDER-MISSING";

    /// <summary>The data point is E, or L/U without the matching limit (warning: the point becomes NaN).</summary>
    public const string DataPointInvalid = "FHIR-SAMPLEDDATA-POINT-INVALID";

    /// <summary>The Bundle holds more ECG Observations than the configured limit.</summary>
    public const string BundleTooManyEcgs = "FHIR-BUNDLE-TOO-MANY-ECG";

    /// <summary>The named mapping profile does not exist or is not a FHIR profile.</summary>
    public const string ProfileUnknown = "FHIR-PROFILE-UNKNOWN";

    /// <summary>A DocumentReference or Media has no attachment of an ECG file type (application/xml, application/dicom).</summary>
    public const string AttachmentMissing = "FHIR-ATTACHMENT-MISSING";

    /// <summary>The ECG attachment has neither inline data nor a URL.</summary>
    public const string AttachmentDataMissing = "FHIR-ATTACHMENT-DATA-MISSING";

    /// <summary>The ECG attachment is given by URL only; EcgBridge does not fetch files (send the data inline).</summary>
    public const string AttachmentUrlUnsupported = "FHIR-ATTACHMENT-URL-UNSUPPORTED";

    /// <summary>No vendor-file decoder is wired in for attachments (a bug in the composition).</summary>
    public const string AttachmentDecoderMissing = "FHIR-ATTACHMENT-DECODER-MISSING";

    /// <summary>
    /// A field EcgBridge stores is over its limit: id over 64 characters (the FHIR id rule), identifier value, subject
    /// or encounter reference, meta.source over 256; location names the element. Answered 422; the value is not stored.
    /// </summary>
    public const string FieldTooLong = "FHIR-FIELD-TOO-LONG";
}

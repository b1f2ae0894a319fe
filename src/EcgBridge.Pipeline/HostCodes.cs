namespace EcgBridge.Pipeline;

/// <summary>Stable codes of the service (docs/error-codes.md). Codes are never reused.</summary>
public static class HostCodes
{
    /// <summary>The audit store or the bus could not make an accepted message durable; the sender must resend.</summary>
    public const string Unavailable = "HOST-UNAVAILABLE";

    /// <summary>No FHIR route at this path and method.</summary>
    public const string RouteUnknown = "HOST-ROUTE-UNKNOWN";

    /// <summary>The request body is larger than the configured limit.</summary>
    public const string BodyTooLarge = "HOST-BODY-TOO-LARGE";

    /// <summary>The request's Content-Type is not FHIR JSON or XML.</summary>
    public const string ContentTypeUnsupported = "HOST-CONTENT-TYPE-UNSUPPORTED";

    /// <summary>The requested resource id is unknown.</summary>
    public const string ResourceNotFound = "HOST-RESOURCE-NOT-FOUND";

    /// <summary>A search parameter is malformed (date, _count); location names the parameter.</summary>
    public const string SearchParameterInvalid = "HOST-SEARCH-PARAMETER-INVALID";

    /// <summary>A search parameter this server does not support, under <c>Prefer: handling=strict</c>; location names it.</summary>
    public const string SearchParameterUnknown = "HOST-SEARCH-PARAMETER-UNKNOWN";

    /// <summary>A search <c>_cursor</c> was altered, belongs to another search, or expired (24 h).</summary>
    public const string SearchCursorInvalid = "HOST-SEARCH-CURSOR-INVALID";

    /// <summary>Neither <c>_format</c> nor <c>Accept</c> names a format this server writes (FHIR JSON or XML).</summary>
    public const string FormatNotAcceptable = "HOST-FORMAT-NOT-ACCEPTABLE";

    /// <summary>The body holds no ECG Observation to score.</summary>
    public const string NoEcg = "HOST-NO-ECG";

    /// <summary>Scoring failed after acceptance (model or tensor fault); recorded as Failed.</summary>
    public const string ScoringFailed = "HOST-SCORING-FAILED";

    /// <summary>The stand-in scorer was configured without a Development/Test environment flag; start refused.</summary>
    public const string StandInRefused = "HOST-STAND-IN-REFUSED";

    /// <summary>A queued tensor did not decode or did not hash to the tensor SHA-256 recorded at acceptance.</summary>
    public const string TensorCorrupt = "HOST-TENSOR-CORRUPT";

    /// <summary>The EHR answered a delivery with a 4xx status: recorded, not retried.</summary>
    public const string EhrRefused = "HOST-EHR-REFUSED";

    /// <summary>The EHR could not be reached or answered 5xx/408/429: retried with backoff.</summary>
    public const string EhrUnavailable = "HOST-EHR-UNAVAILABLE";

    /// <summary>The EHR answered 409 Conflict: retried with backoff.</summary>
    public const string EhrConflict = "HOST-EHR-CONFLICT";

    /// <summary>The EHR answered 412: a conditional create matched more than one resource. Recorded, not retried.</summary>
    public const string EhrConditionAmbiguous = "HOST-EHR-CONDITION-AMBIGUOUS";

    /// <summary>The EHR answered 422: it found the delivered resources invalid (its OperationOutcome says why). Recorded, not retried.</summary>
    public const string EhrResourceInvalid = "HOST-EHR-RESOURCE-INVALID";

    /// <summary>An EHR delivery is pending but no EHR base URL is configured.</summary>
    public const string EhrNotConfigured = "HOST-EHR-NOT-CONFIGURED";

    /// <summary>An outbox row of a kind this version does not deliver.</summary>
    public const string OutboxKindUnknown = "HOST-OUTBOX-KIND-UNKNOWN";

    /// <summary>Publishing a bus event from the outbox failed; retried.</summary>
    public const string BusPublishFailed = "HOST-BUS-PUBLISH-FAILED";
}

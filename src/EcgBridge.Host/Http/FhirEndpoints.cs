using System.Globalization;
using System.Text;
using System.Text.Json;
using EcgBridge.Audit;
using EcgBridge.Compliance;
using EcgBridge.Core.Audit;
using EcgBridge.Host.Security;
using Microsoft.Extensions.Options;

namespace EcgBridge.Host.Http;

/// <summary>The FHIR REST surface under <c>/fhir</c>: ECG Observations in, RiskAssessments out, CapabilityStatement.</summary>
public static class FhirEndpoints
{
    private const string FhirJson = "application/fhir+json; charset=utf-8";

    /// <summary>Maps the routes and a 404 OperationOutcome fallback.</summary>
    public static IEndpointRouteBuilder MapEcgBridgeFhir(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        RouteGroupBuilder fhir = routes.MapGroup("/fhir");
        fhir.MapPost("/Observation", (HttpContext http, IngestService ingest, IOptions<EcgBridgeHostOptions> options) => PostAsync(http, ingest, options.Value, bundle: false))
            .RequireAuthorization(AuthPolicies.ObservationWrite);
        // A vendor ECG file (MUSE, Philips, aECG, DICOM) attached inline to a DocumentReference or a Media.
        fhir.MapPost("/DocumentReference", (HttpContext http, IngestService ingest, IOptions<EcgBridgeHostOptions> options) => PostAsync(http, ingest, options.Value, bundle: false))
            .RequireAuthorization(AuthPolicies.ObservationWrite);
        fhir.MapPost("/Media", (HttpContext http, IngestService ingest, IOptions<EcgBridgeHostOptions> options) => PostAsync(http, ingest, options.Value, bundle: false))
            .RequireAuthorization(AuthPolicies.ObservationWrite);
        fhir.MapPost("/", (HttpContext http, IngestService ingest, IOptions<EcgBridgeHostOptions> options) => PostAsync(http, ingest, options.Value, bundle: true))
            .RequireAuthorization(AuthPolicies.ObservationWrite);
        fhir.MapGet("/RiskAssessment/{id}", GetRiskAssessmentAsync).RequireAuthorization(AuthPolicies.RiskAssessmentRead);
        fhir.MapGet("/RiskAssessment", SearchRiskAssessmentsAsync).RequireAuthorization(AuthPolicies.RiskAssessmentRead);
        fhir.MapGet("/metadata", () => Results.Bytes(CapabilityStatementJson.Bytes, FhirJson)).AllowAnonymous();
        routes.MapFallback(() => new BodyResult(
            StatusCodes.Status404NotFound,
            OperationOutcomeJson.ContentType,
            OperationOutcomeJson.Create("error", "not-found", HostCodes.RouteUnknown, null))).AllowAnonymous();
        return routes;
    }

    private static async Task<IResult> PostAsync(HttpContext http, IngestService ingest, EcgBridgeHostOptions options, bool bundle)
    {
        string? mediaType = http.Request.ContentType?.Split(';', 2)[0].Trim().ToUpperInvariant();
        bool? xml = mediaType switch
        {
            "APPLICATION/FHIR+JSON" or "APPLICATION/JSON" or "APPLICATION/JSON+FHIR" => false,
            "APPLICATION/FHIR+XML" or "APPLICATION/XML" or "TEXT/XML" or "APPLICATION/XML+FHIR" => true,
            _ => null,
        };
        if (xml is null)
        {
            return Outcome(StatusCodes.Status415UnsupportedMediaType, "not-supported", HostCodes.ContentTypeUnsupported, "Content-Type");
        }

        byte[]? body = await ReadBodyAsync(http, options.MaxBodyBytes).ConfigureAwait(false);
        if (body is null)
        {
            return Outcome(StatusCodes.Status413PayloadTooLarge, "too-costly", HostCodes.BodyTooLarge, null);
        }

        FhirIngestAnswer answer = await ingest.AcceptFhirAsync(body, xml.Value, bundle, http.RequestAborted).ConfigureAwait(false);
        if (answer.Location is not null)
        {
            http.Response.Headers.Location = answer.Location;
        }

        return new BodyResult(answer.Status, answer.ContentType, answer.Body);
    }

    /// <summary>Reads the whole body, or returns null as soon as it exceeds the limit (without buffering the rest).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpContext http, long maxBytes)
    {
        if (http.Request.ContentLength > maxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream(http.Request.ContentLength is long length ? (int)length : 64 * 1024);
        byte[] chunk = new byte[64 * 1024];
        while (true)
        {
            int read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted).ConfigureAwait(false);
            if (read == 0)
            {
                return buffer.ToArray();
            }

            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }
    }

    private static async Task<IResult> GetRiskAssessmentAsync(
        string id, HttpContext http, IAuditStore store, ComplianceAccessLog accessLog, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        // What is served must be what the audit row bound: the stored JSON is re-hashed against the row's coverage hash.
        CoverageCheck check = await store.CheckRiskAssessmentAsync(id, cancellationToken).ConfigureAwait(false);
        bool found = check.Code != Core.Audit.AuditCodes.CoverageNotFound;
        bool servable = check.Json is not null && (check.Matches || check.Code == Core.Audit.AuditCodes.CoverageNotRecorded);
        string? failure = !found ? HostCodes.ResourceNotFound : servable ? null : check.Code;

        // Every read of a result is a read of patient data: recorded (who, what, when) before the answer leaves.
        await accessLog.RecordAsync(http.User, "fhir-read", "RiskAssessment/" + id, null, servable ? 1 : 0, failure, cancellationToken).ConfigureAwait(false);
        if (!found)
        {
            return Outcome(StatusCodes.Status404NotFound, "not-found", HostCodes.ResourceNotFound, "RiskAssessment.id");
        }

        if (!servable)
        {
            HostLog.CoverageRefused(loggers.CreateLogger("EcgBridge.Host.Fhir"), check.Code ?? "", check.AuditSequence ?? 0);
            Pipeline.Telemetry.DeliveryMetrics.CoverageRefusals.Add(1, new KeyValuePair<string, object?>(Core.Telemetry.TelemetryTags.ErrorCode, check.Code));
            return Outcome(StatusCodes.Status500InternalServerError, "exception", check.Code ?? HostCodes.ScoringFailed, "RiskAssessment");
        }

        return Results.Text(check.Json!, FhirJson, Encoding.UTF8);
    }

    private static async Task<IResult> SearchRiskAssessmentsAsync(HttpContext http, IAuditStore store, ComplianceAccessLog accessLog, PatientIdHasher hasher, CancellationToken cancellationToken)
    {
        IQueryCollection query = http.Request.Query;
        string? subject = query["subject"].FirstOrDefault() ?? query["subject:identifier"].FirstOrDefault();
        int count = 50;
        if (query.TryGetValue("_count", out var countText))
        {
            if (!int.TryParse(countText.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out count) || count > 1000)
            {
                return Outcome(StatusCodes.Status400BadRequest, "invalid", HostCodes.SearchParameterInvalid, "_count");
            }
        }

        DateTimeOffset? from = null;
        DateTimeOffset? before = null;
        foreach (string? date in query["date"])
        {
            if (date is null || !FhirDateSearch.TryApply(date, ref from, ref before))
            {
                return Outcome(StatusCodes.Status400BadRequest, "invalid", HostCodes.SearchParameterInvalid, "date");
            }
        }

        RiskAssessmentPage page = await store.SearchRiskAssessmentsAsync(subject, from, before, count, cancellationToken).ConfigureAwait(false);
        // The subject is a patient identifier: the access log keeps its keyed hash, never the value.
        await accessLog.RecordAsync(
            http.User, "fhir-search", "RiskAssessment?" + (subject is null ? "" : "subject=<hash>&") + "_count=" + count.ToString(CultureInfo.InvariantCulture),
            hasher.Hash(subject), page.Items.Count, null, cancellationToken).ConfigureAwait(false);
        string self = http.Request.Scheme + "://" + http.Request.Host + http.Request.Path + http.Request.QueryString;
        string baseUrl = http.Request.Scheme + "://" + http.Request.Host + "/fhir/";
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("resourceType", "Bundle");
            writer.WriteString("type", "searchset");
            writer.WriteNumber("total", page.Total);
            writer.WriteStartArray("link");
            writer.WriteStartObject();
            writer.WriteString("relation", "self");
            writer.WriteString("url", self);
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteStartArray("entry");
            foreach (RiskAssessmentDocument document in page.Items)
            {
                writer.WriteStartObject();
                writer.WriteString("fullUrl", baseUrl + "RiskAssessment/" + document.Id);
                writer.WritePropertyName("resource");
                writer.WriteRawValue(document.Json, skipInputValidation: true);
                writer.WriteStartObject("search");
                writer.WriteString("mode", "match");
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Results.Bytes(buffer.ToArray(), FhirJson);
    }

    private static BodyResult Outcome(int status, string fhirIssueCode, string code, string? location) =>
        new BodyResult(status, OperationOutcomeJson.ContentType, OperationOutcomeJson.Create("error", fhirIssueCode, code, location));
}

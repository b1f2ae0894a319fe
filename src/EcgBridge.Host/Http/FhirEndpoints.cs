using EcgBridge.Core.Audit;
using EcgBridge.Host.Security;
using EcgBridge.Pipeline.Feedback;
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
        fhir.MapPost("/Observation", (HttpContext http, IngestService ingest, IRiskAssessmentStore store, OutcomeFeedbackService feedback, IOptions<EcgBridgeHostOptions> options) => PostAsync(http, ingest, store, options.Value, bundle: false, feedback))
            .RequireAuthorization(AuthPolicies.ObservationWrite);

        // Outcome feedback (docs/model.md "Outcome feedback"): a confirmed or refuted diagnosis about a RiskAssessment.
        fhir.MapPost("/Condition", FeedbackEndpoints.PostConditionAsync).RequireAuthorization(AuthPolicies.ConditionWrite);
        routes.MapPost("/cds-services/{service}/feedback", FeedbackEndpoints.PostCdsHooksAsync).RequireAuthorization(AuthPolicies.ConditionWrite);
        // A vendor ECG file (MUSE, Philips, aECG, DICOM) attached inline to a DocumentReference or a Media.
        fhir.MapPost("/DocumentReference", (HttpContext http, IngestService ingest, IRiskAssessmentStore store, IOptions<EcgBridgeHostOptions> options) => PostAsync(http, ingest, store, options.Value, bundle: false))
            .RequireAuthorization(AuthPolicies.ObservationWrite);
        fhir.MapPost("/Media", (HttpContext http, IngestService ingest, IRiskAssessmentStore store, IOptions<EcgBridgeHostOptions> options) => PostAsync(http, ingest, store, options.Value, bundle: false))
            .RequireAuthorization(AuthPolicies.ObservationWrite);
        fhir.MapPost("/", (HttpContext http, IngestService ingest, IRiskAssessmentStore store, IOptions<EcgBridgeHostOptions> options) => PostAsync(http, ingest, store, options.Value, bundle: true))
            .RequireAuthorization(AuthPolicies.ObservationWrite);
        string[] getOrHead = [HttpMethods.Get, HttpMethods.Head];
        fhir.MapMethods("/RiskAssessment/{id}", getOrHead, FhirReadEndpoints.ReadRiskAssessmentAsync).RequireAuthorization(AuthPolicies.RiskAssessmentRead);
        fhir.MapMethods("/RiskAssessment", getOrHead, RiskAssessmentSearchEndpoint.SearchAsync).RequireAuthorization(AuthPolicies.RiskAssessmentRead);
        fhir.MapMethods("/Provenance", getOrHead, FhirReadEndpoints.SearchProvenanceAsync).RequireAuthorization(AuthPolicies.RiskAssessmentRead);

        // The model Device and its card describe software, not patients: readable without a token.
        fhir.MapMethods("/Device/{id}", getOrHead, FhirReadEndpoints.ReadDevice).AllowAnonymous();
        fhir.MapMethods("/Device", getOrHead, FhirReadEndpoints.SearchDevices).AllowAnonymous();
        routes.MapMethods(FhirReadEndpoints.ModelCardPath, getOrHead, (IServiceProvider services) => FhirReadEndpoints.ReadModelCard(services)).AllowAnonymous();
        routes.MapMethods(FhirReadEndpoints.ModelCardPath + "/{id}", getOrHead, (IServiceProvider services, string id) => FhirReadEndpoints.ReadModelCard(services, id)).AllowAnonymous();
        fhir.MapMethods("/CodeSystem/{id}", getOrHead, FhirReadEndpoints.ReadCodeSystem).AllowAnonymous();
        fhir.MapMethods("/_status/{id}", getOrHead, AsyncStatusEndpoint.ReadAsync).RequireAuthorization(AuthPolicies.RiskAssessmentRead);
        fhir.MapMethods("/metadata", getOrHead, FhirReadEndpoints.ReadCapabilityStatement).AllowAnonymous();
        routes.MapFallback(() => new BodyResult(
            StatusCodes.Status404NotFound,
            OperationOutcomeJson.ContentType,
            OperationOutcomeJson.Create("error", "not-found", HostCodes.RouteUnknown, null))).AllowAnonymous();
        return routes;
    }

    private static async Task<IResult> PostAsync(HttpContext http, IngestService ingest, IRiskAssessmentStore store, EcgBridgeHostOptions options, bool bundle, OutcomeFeedbackService? feedback = null)
    {
        bool? xml = IsXmlBody(http);
        if (xml is null)
        {
            return FhirResults.Outcome(StatusCodes.Status415UnsupportedMediaType, "not-supported", HostCodes.ContentTypeUnsupported, "Content-Type");
        }

        byte[]? body = await ReadBodyAsync(http, options.MaxBodyBytes).ConfigureAwait(false);
        if (body is null)
        {
            return FhirResults.Outcome(StatusCodes.Status413PayloadTooLarge, "too-costly", HostCodes.BodyTooLarge, null);
        }

        // An Observation that names a RiskAssessment and carries no waveform is outcome feedback (a cath finding), not an ECG.
        if (feedback is not null && OutcomeFeedbackService.IsFeedbackObservation(body, xml.Value, out Hl7.Fhir.Model.Resource? observation))
        {
            FeedbackAnswer recorded = await feedback.AcceptFhirAsync(body, xml.Value, FeedbackEndpoints.Sender(http), observation, http.RequestAborted).ConfigureAwait(false);
            return new BodyResult(recorded.Status, FeedbackAnswer.ContentType, recorded.Body);
        }

        FhirIngestAnswer answer = await ingest.AcceptFhirAsync(body, xml.Value, bundle, http.RequestAborted).ConfigureAwait(false);
        if (answer.Location is not null && answer.Status is StatusCodes.Status200OK or StatusCodes.Status201Created)
        {
            // Accepted, not scored yet: 202 with the status endpoint; never a Location that does not resolve. Only a copy
            // (200) can already have its result — a new ECG is scored after this answer — so only then is the store read.
            string id = answer.Location["RiskAssessment/".Length..];
            string baseUrl = FhirBase.Of(http, options);
            if (answer.Status == StatusCodes.Status200OK
                && await store.GetRiskAssessmentJsonAsync(id, http.RequestAborted).ConfigureAwait(false) is not null)
            {
                http.Response.Headers.Location = baseUrl + "/" + answer.Location;
                return new BodyResult(answer.Status, answer.ContentType, answer.Body);
            }

            http.Response.Headers.ContentLocation = baseUrl + AsyncStatusEndpoint.PathOf(id);
            return new BodyResult(StatusCodes.Status202Accepted, answer.ContentType, answer.Body);
        }

        return new BodyResult(answer.Status, answer.ContentType, answer.Body);
    }

    /// <summary>A FHIR body's format from its Content-Type: true XML, false JSON, null neither (415).</summary>
    internal static bool? IsXmlBody(HttpContext http) =>
        http.Request.ContentType?.Split(';', 2)[0].Trim().ToUpperInvariant() switch
        {
            "APPLICATION/FHIR+JSON" or "APPLICATION/JSON" or "APPLICATION/JSON+FHIR" => false,
            "APPLICATION/FHIR+XML" or "APPLICATION/XML" or "TEXT/XML" or "APPLICATION/XML+FHIR" => true,
            _ => null,
        };

    /// <summary>Reads the whole body, or returns null as soon as it exceeds the limit (without buffering the rest).</summary>
    internal static async Task<byte[]?> ReadBodyAsync(HttpContext http, long maxBytes)
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
}

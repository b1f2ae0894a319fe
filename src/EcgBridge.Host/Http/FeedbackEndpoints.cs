using EcgBridge.Pipeline.Feedback;
using Microsoft.Extensions.Options;

namespace EcgBridge.Host.Http;

/// <summary>
/// Outcome feedback in: <c>POST /fhir/Condition</c> (and feedback Observations, routed from <c>POST /fhir/Observation</c>)
/// and CDS Hooks feedback <c>POST /cds-services/{service}/feedback</c> whose card ids are RiskAssessment ids.
/// </summary>
internal static class FeedbackEndpoints
{
    /// <summary>The CDS service id EcgBridge's results are presented under.</summary>
    public const string CdsServiceId = "ecgbridge-omi";

    public static async Task<IResult> PostConditionAsync(HttpContext http, OutcomeFeedbackService feedback, IOptions<EcgBridgeHostOptions> options)
    {
        bool? xml = FhirEndpoints.IsXmlBody(http);
        if (xml is null)
        {
            return FhirResults.Outcome(StatusCodes.Status415UnsupportedMediaType, "not-supported", HostCodes.ContentTypeUnsupported, "Content-Type");
        }

        if (await FhirEndpoints.ReadBodyAsync(http, options.Value.MaxBodyBytes).ConfigureAwait(false) is not { } body)
        {
            return FhirResults.Outcome(StatusCodes.Status413PayloadTooLarge, "too-costly", HostCodes.BodyTooLarge, null);
        }

        FeedbackAnswer answer = await feedback.AcceptFhirAsync(body, xml.Value, Sender(http), null, http.RequestAborted).ConfigureAwait(false);
        return new BodyResult(answer.Status, FeedbackAnswer.ContentType, answer.Body);
    }

    public static async Task<IResult> PostCdsHooksAsync(HttpContext http, string service, OutcomeFeedbackService feedback, IOptions<EcgBridgeHostOptions> options)
    {
        if (!string.Equals(service, CdsServiceId, StringComparison.Ordinal))
        {
            return FhirResults.Outcome(StatusCodes.Status404NotFound, "not-found", HostCodes.RouteUnknown, "service");
        }

        if (await FhirEndpoints.ReadBodyAsync(http, options.Value.MaxBodyBytes).ConfigureAwait(false) is not { } body)
        {
            return FhirResults.Outcome(StatusCodes.Status413PayloadTooLarge, "too-costly", HostCodes.BodyTooLarge, null);
        }

        FeedbackAnswer answer = await feedback.AcceptCdsHooksAsync(body, Sender(http), http.RequestAborted).ConfigureAwait(false);
        return new BodyResult(answer.Status, FeedbackAnswer.ContentType, answer.Body);
    }

    /// <summary>The authenticated client: part of each feedback's duplicate key.</summary>
    public static string Sender(HttpContext http) => Security.ClientIdentity.Of(http.User) ?? "anonymous";
}

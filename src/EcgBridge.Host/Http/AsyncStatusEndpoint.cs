using EcgBridge.Compliance;
using EcgBridge.Core.Audit;
using Microsoft.Extensions.Options;

namespace EcgBridge.Host.Http;

/// <summary>
/// The status endpoint a 202 Accepted names in <c>Content-Location</c>: 202 (with <c>Retry-After</c>) until the ECG is
/// scored, then 200 with the RiskAssessment and its <c>Content-Location</c>.
/// </summary>
internal static class AsyncStatusEndpoint
{
    /// <summary>The path under the FHIR base of the status of RiskAssessment <paramref name="id"/>.</summary>
    public static string PathOf(string id) => "/_status/" + id;

    public static async Task<IResult> ReadAsync(
        string id, HttpContext http, IRiskAssessmentStore store, ComplianceAccessLog accessLog, ILoggerFactory loggers, IOptions<EcgBridgeHostOptions> options, CancellationToken cancellationToken)
    {
        if (await store.GetRiskAssessmentJsonAsync(id, cancellationToken).ConfigureAwait(false) is null)
        {
            if (FhirFormats.Negotiate(http.Request) is not { } format)
            {
                return FhirResults.NotAcceptable();
            }

            http.Response.Headers.RetryAfter = "1";
            byte[] body = OperationOutcomeJson.Create(
                [new OutcomeIssue("information", "informational", "HOST-ACCEPTED", "RiskAssessment")],
                "not scored yet (or not an id this service answered); the result will be RiskAssessment/" + id);
            return new BodyResult(StatusCodes.Status202Accepted, FhirFormats.ContentType(format), FhirFormats.Render(body, format));
        }

        http.Response.Headers.ContentLocation = FhirBase.Of(http, options.Value) + "/RiskAssessment/" + id;
        return await FhirReadEndpoints.ReadRiskAssessmentAsync(id, http, store, accessLog, loggers, cancellationToken).ConfigureAwait(false);
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using EcgBridge.Core.Audit;
using EcgBridge.Fhir;

namespace EcgBridge.IntegrationTests.Host;

/// <summary>
/// <c>EcgBridge:Fhir:ValidateIncoming</c>: bodies are validated with Firely's validator before decoding; an error
/// refuses the body 422 naming the FHIRPath, with an audit row. Off, the same body is decoded as before.
/// </summary>
public sealed class InboundValidationTests
{
    [Theory]
    [InlineData(true, HttpStatusCode.UnprocessableEntity)]
    [InlineData(false, HttpStatusCode.Accepted)]
    public async Task An_Observation_breaking_a_FHIR_invariant_is_refused_only_when_validation_is_on(bool validate, HttpStatusCode expected)
    {
        await using RunningHost host = await RunningHost.StartAsync(new Dictionary<string, string?> { ["EcgBridge:Fhir:ValidateIncoming"] = validate ? "true" : "false" });
        string patient = "PV-" + Guid.NewGuid().ToString("N")[..8];

        // ref-1: a local reference (#…) must name a contained resource; this one names none. The decoder does not care.
        string body = EcgMessages.FhirObservationJson("obs-" + patient, patient).Replace("\"subject\":{", "\"subject\":{\"reference\":\"#nobody\",", StringComparison.Ordinal);
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/fhir+json");
        using HttpResponseMessage response = await host.Http.PostAsync(new Uri("fhir/Observation", UriKind.Relative), content);

        Assert.Equal(expected, response.StatusCode);
        if (validate)
        {
            string outcome = await response.Content.ReadAsStringAsync();
            Assert.Contains(FhirCodes.InstanceInvalid, outcome, StringComparison.Ordinal);
            Assert.Contains("Observation.subject", outcome, StringComparison.Ordinal);
            IReadOnlyList<AuditEntry> rows = await host.AuditAsync(new AuditFilter { Outcome = AuditOutcome.Rejected });
            Assert.Contains(rows, r => r.ErrorCodes.Any(c => c.StartsWith(FhirCodes.InstanceInvalid, StringComparison.Ordinal)));
        }
    }
}

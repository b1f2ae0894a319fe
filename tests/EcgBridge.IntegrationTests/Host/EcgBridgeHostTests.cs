using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using EcgBridge.Core;
using EcgBridge.Core.Audit;
using EcgBridge.Core.Issues;

namespace EcgBridge.IntegrationTests.Host;

/// <summary>The service end to end on real PostgreSQL and RabbitMQ, with the real ONNX model and a recording EHR.</summary>
public sealed class EcgBridgeHostTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private readonly RunningHost _host = fixture.Host;
    private readonly RecordingEhr _ehr = fixture.Ehr;

    [Fact]
    public async Task HL7_message_over_MLLP_is_answered_AA_and_its_RiskAssessment_reaches_the_EHR_once()
    {
        string controlId = "MLLP-" + Guid.NewGuid().ToString("N")[..12];
        Ack ack = await _host.SendHl7Async(EcgMessages.Hl7(controlId));

        Assert.Equal("AA", ack.Code);
        Assert.Equal(controlId, ack.ControlId);
        AuditEntry scored = await ScoredAsync(controlId);
        Assert.NotNull(scored.Probability);
        Assert.Equal("ECG-SMART-NET", scored.ModelName, ignoreCase: true);
        string json = await Poll.UntilAsync(() => Task.FromResult(_ehr.Find(scored.RiskAssessmentId!)), Deadline, "EHR delivery");
        using JsonDocument assessment = JsonDocument.Parse(json);
        Assert.Equal(scored.RiskAssessmentId, assessment.RootElement.GetProperty("identifier")[0].GetProperty("value").GetString());
        JsonElement basis = assessment.RootElement.GetProperty("basis")[0];
        Assert.Equal(controlId, basis.GetProperty("identifier").GetProperty("value").GetString());

        // Delivered in one transaction with its Device and Provenance: the performer and the Provenance's target are
        // the transaction's own entries, which the EHR resolves to the ids it assigns.
        Assert.StartsWith("urn:uuid:", assessment.RootElement.GetProperty("performer").GetProperty("reference").GetString(), StringComparison.Ordinal);
        using JsonDocument provenance = JsonDocument.Parse(_ehr.FindProvenance(scored.RiskAssessmentId!)!);
        Assert.StartsWith("urn:uuid:", provenance.RootElement.GetProperty("target")[0].GetProperty("reference").GetString(), StringComparison.Ordinal);
        Assert.Equal(controlId, provenance.RootElement.GetProperty("entity")[0].GetProperty("what").GetProperty("identifier").GetProperty("value").GetString());
        Assert.True(_ehr.Devices >= 1);
        Assert.Equal(0, _ehr.Invalid);
        HttpResponseMessage own = await _host.Http.GetAsync(new Uri("fhir/RiskAssessment/" + scored.RiskAssessmentId, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task Duplicate_HL7_message_gets_the_same_ACK_and_is_scored_once()
    {
        string controlId = "DUP-" + Guid.NewGuid().ToString("N")[..12];
        byte[] message = EcgMessages.Hl7(controlId);
        await using MllpClient client = await MllpClient.ConnectAsync(_host.Mllp);

        string first = await client.SendAsync(message);
        AuditEntry scored = await ScoredAsync(controlId);
        string second = await client.SendAsync(message);

        Assert.Equal(first, second);
        await Poll.UntilAsync(() => Task.FromResult(_ehr.Find(scored.RiskAssessmentId!)), Deadline, "EHR delivery");
        IReadOnlyList<AuditEntry> rows = await _host.AuditAsync(new AuditFilter { MessageId = controlId });
        Assert.Single(rows, r => r.Outcome == AuditOutcome.Scored);
        Assert.Single(rows, r => r.Outcome == AuditOutcome.Duplicate);
        Assert.Single(rows, r => r.Outcome == AuditOutcome.Accepted);
    }

    [Fact]
    public async Task Message_that_is_not_an_ECG_result_is_answered_AR_with_ERR_and_audited()
    {
        string controlId = "ADT-" + Guid.NewGuid().ToString("N")[..12];
        byte[] message = Encoding.ASCII.GetBytes(
            $"MSH|^~\\&|CART|ED|EcgBridge||20261123083000||ADT^A01^ADT_A01|{controlId}|P|2.6\rPID|1||P-1^^^urn:test:mrn\r");

        Ack ack = await _host.SendHl7Async(message);

        Assert.Equal("AR", ack.Code);
        Assert.Equal(controlId, ack.ControlId);
        Assert.NotEmpty(ack.ErrorSegments);
        IReadOnlyList<AuditEntry> rows = await _host.AuditAsync(new AuditFilter { MessageId = controlId });
        AuditEntry rejected = Assert.Single(rows);
        Assert.Equal(AuditOutcome.Rejected, rejected.Outcome);
        Assert.NotEmpty(rejected.ErrorCodes);
    }

    [Fact]
    public async Task ECG_with_a_flat_lead_is_answered_AE_naming_the_quality_code_and_audited()
    {
        string controlId = "FLAT-" + Guid.NewGuid().ToString("N")[..12];
        byte[] message = EcgMessages.Hl7(EcgMessages.WithFlatLead("P-2", Lead.V3), controlId);

        Ack ack = await _host.SendHl7Async(message);

        Assert.Equal("AE", ack.Code);
        Assert.True(ack.MentionsCode(EcgCodes.LeadFlat), "ERR names " + EcgCodes.LeadFlat);
        IReadOnlyList<AuditEntry> rows = await _host.AuditAsync(new AuditFilter { MessageId = controlId });
        AuditEntry rejected = Assert.Single(rows);
        Assert.Equal(AuditOutcome.Rejected, rejected.Outcome);
        Assert.Contains(rejected.ErrorCodes, c => c.StartsWith(EcgCodes.LeadFlat, StringComparison.Ordinal));
    }

    [Fact]
    public async Task FHIR_Observation_is_answered_202_and_its_RiskAssessment_is_readable_and_searchable()
    {
        string patient = "PF-" + Guid.NewGuid().ToString("N")[..8];
        using var content = new StringContent(EcgMessages.FhirObservationJson("obs-" + patient, patient), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/fhir+json");

        HttpResponseMessage response = await _host.Http.PostAsync(new Uri("fhir/Observation", UriKind.Relative), content);

        // Accepted, not scored yet: 202 naming the status endpoint, which answers 200 with the result once scored.
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Uri status = response.Content.Headers.ContentLocation!;
        await Poll.UntilAsync(async () => (await _host.Http.GetAsync(status)).StatusCode == HttpStatusCode.OK, Deadline, "RiskAssessment");
        string search = await _host.Http.GetStringAsync(new Uri("fhir/RiskAssessment?subject:identifier=" + Uri.EscapeDataString("urn:test:mrn|" + patient) + "&_count=10", UriKind.Relative));
        using JsonDocument bundle = JsonDocument.Parse(search);
        Assert.Equal("searchset", bundle.RootElement.GetProperty("type").GetString());
        Assert.Equal(1, bundle.RootElement.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task EHR_down_then_up_receives_the_RiskAssessment_exactly_once()
    {
        _ehr.FailNext(6);
        string controlId = "DOWN-" + Guid.NewGuid().ToString("N")[..12];

        Ack ack = await _host.SendHl7Async(EcgMessages.Hl7(controlId, "P-3"));

        Assert.Equal("AA", ack.Code);
        AuditEntry scored = await ScoredAsync(controlId);
        await Poll.UntilAsync(() => Task.FromResult(_ehr.Find(scored.RiskAssessmentId!)), Deadline, "EHR delivery after outage");
        Assert.True(_ehr.Posts > _ehr.Creates, "the EHR refused some attempts before accepting one");
    }

    [Fact]
    public async Task Unknown_route_is_404_with_an_OperationOutcome()
    {
        HttpResponseMessage response = await _host.Http.GetAsync(new Uri("fhir/Patient/123", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("HOST-ROUTE-UNKNOWN", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Oversize_body_is_413_with_an_OperationOutcome()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("fhir/Observation", UriKind.Relative))
        {
            Content = new ByteArrayContent(new byte[17 * 1024 * 1024]),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/fhir+json");

        // A well-behaved client asks before sending a large body; the service refuses without reading it.
        request.Headers.ExpectContinue = true;
        HttpResponseMessage response = await _host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("HOST-BODY-TOO-LARGE", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metadata_and_readiness_answer()
    {
        HttpResponseMessage metadata = await _host.Http.GetAsync(new Uri("fhir/metadata", UriKind.Relative));
        HttpResponseMessage ready = await _host.Http.GetAsync(new Uri("health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, metadata.StatusCode);
        Assert.Contains("CapabilityStatement", await metadata.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    private async Task<AuditEntry> ScoredAsync(string controlId) =>
        await Poll.UntilAsync(
            async () =>
            {
                foreach (AuditEntry row in await _host.AuditAsync(new AuditFilter { MessageId = controlId, Outcome = AuditOutcome.Scored }))
                {
                    return row;
                }

                return null;
            },
            Deadline,
            "scored audit row");
}

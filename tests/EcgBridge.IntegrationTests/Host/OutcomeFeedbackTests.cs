using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EcgBridge.Core;
using EcgBridge.Core.Audit;
using EcgBridge.Core.Feedback;
using EcgBridge.Fhir;

namespace EcgBridge.IntegrationTests.Host;

/// <summary>
/// Outcome feedback end to end: two ECGs scored, then a confirmed Condition, a negative catheterisation Observation and
/// a CDS Hooks "overridden" come back; each is matched to its RiskAssessment and audited, bad feedback is refused with
/// its code, and <c>models compare</c> evaluates the model on the outcomes.
/// </summary>
public sealed class OutcomeFeedbackTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Feedback_is_matched_audited_refused_with_codes_and_used_by_models_compare()
    {
        await using RunningHost host = await RunningHost.StartAsync(new Dictionary<string, string?>());
        string run = Guid.NewGuid().ToString("N")[..8];
        (string raA, JsonNode subjectA) = await ScoreAsync(host, "FB-A-" + run, "PFA-" + run);
        (string raB, JsonNode subjectB) = await ScoreAsync(host, "FB-B-" + run, "PFB-" + run);

        string confirmed = Condition("cond-" + run, "RiskAssessment/" + raA, subjectA, "confirmed");
        (HttpStatusCode status, string body) = await PostAsync(host, "fhir/Condition", confirmed);
        Assert.True(status == HttpStatusCode.OK, body);
        Assert.Contains(Pipeline.Feedback.OutcomeFeedbackService.RecordedCode, body, StringComparison.Ordinal);

        (status, body) = await PostAsync(host, "fhir/Condition", confirmed);
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains(FeedbackCodes.Duplicate, body, StringComparison.Ordinal);

        (status, body) = await PostAsync(host, "fhir/Condition", Condition("cond-other-" + run, "RiskAssessment/" + raA, subjectB, "confirmed"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains(FeedbackCodes.SubjectMismatch, body, StringComparison.Ordinal);

        (status, body) = await PostAsync(host, "fhir/Condition", Condition("cond-unknown-" + run, "RiskAssessment/" + new string('0', 64), subjectA, "confirmed"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains(FeedbackCodes.RiskAssessmentUnknown, body, StringComparison.Ordinal);

        (status, body) = await PostAsync(host, "fhir/Condition", Condition("cond-provisional-" + run, "RiskAssessment/" + raA, subjectA, "provisional"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains(FeedbackCodes.NotConclusive, body, StringComparison.Ordinal);

        // The EHR stored our result under its own id: it names it by our identifier.
        (status, body) = await PostAsync(host, "fhir/Observation", CathObservation("cath-" + run, raB, subjectB));
        Assert.True(status == HttpStatusCode.OK, body);

        (status, body) = await PostAsync(host, "cds-services/ecgbridge-omi/feedback", $$$"""
            {"feedback":[{"card":"{{{raA}}}","outcome":"overridden","overrideReason":{"reason":{"system":"http://example.org/override","code":"clinical-judgement"}},"outcomeTimestamp":"2026-12-04T08:00:00Z"}]}
            """, "application/json");
        Assert.True(status == HttpStatusCode.OK, body);

        IReadOnlyList<AuditEntry> recorded = await host.AuditAsync(new AuditFilter { Outcome = AuditOutcome.OutcomeRecorded });
        Assert.Equal(3, recorded.Count(r => r.RiskAssessmentId == raA || r.RiskAssessmentId == raB));
        IReadOnlyList<AuditEntry> refused = await host.AuditAsync(new AuditFilter { Outcome = AuditOutcome.Rejected });
        foreach (string code in new[] { FeedbackCodes.Duplicate, FeedbackCodes.SubjectMismatch, FeedbackCodes.RiskAssessmentUnknown, FeedbackCodes.NotConclusive })
        {
            Assert.Contains(refused, r => r.ErrorCodes.Any(c => c.StartsWith(code, StringComparison.Ordinal)));
        }

        string json = Path.Combine(host.DataDir, "compare.json");
        (int exit, string table, string error) = await CliProcess.RunAsync("models", "compare", "--data-dir", host.DataDir, "--json", json);
        Assert.True(exit == 0, error);
        Assert.Contains("AUC", table, StringComparison.Ordinal);
        using JsonDocument report = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        JsonElement model = Assert.Single(report.RootElement.GetProperty("outcomes").EnumerateArray().ToList());
        Assert.Equal(2, model.GetProperty("Count").GetInt32());
        Assert.Equal(1, model.GetProperty("Positives").GetInt32());
        Assert.Equal(1, model.GetProperty("Overridden").GetInt32());

        // The same report on the compliance page, with its reliability diagram and histogram, and as JSON.
        using HttpResponseMessage page = await host.Http.GetAsync(new Uri("compliance/models", UriKind.Relative));
        string html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("id=\"outcomes\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"reliability\"", html, StringComparison.Ordinal);
        Assert.Contains("class=\"chart histogram\"", html, StringComparison.Ordinal);
        using JsonDocument api = JsonDocument.Parse(await host.Http.GetStringAsync(new Uri("compliance/api/models/compare", UriKind.Relative)));
        Assert.Equal(2, api.RootElement.GetProperty("outcomes")[0].GetProperty("count").GetInt32());
        Assert.Contains("models compare", await File.ReadAllTextAsync(Path.Combine(host.DataDir, "access-log.ndjson")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_ECG_Observation_is_still_an_ECG_and_Condition_without_scope_is_refused()
    {
        await using RunningHost host = await RunningHost.StartAsync(new Dictionary<string, string?>());
        string patient = "PFC-" + Guid.NewGuid().ToString("N")[..8];

        (HttpStatusCode status, _) = await PostAsync(host, "fhir/Observation", EcgMessages.FhirObservationJson("obs-" + patient, patient));
        Assert.Equal(HttpStatusCode.Accepted, status);

        using var client = new HttpClient { BaseAddress = host.Http.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestSupport.TestTokens.Create([TestSupport.TestTokens.ObservationWrite], []));
        using var content = new StringContent(Condition("c", "RiskAssessment/x", JsonNode.Parse("""{"reference":"Patient/1"}""")!, "confirmed"), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/fhir+json");
        using HttpResponseMessage refused = await client.PostAsync(new Uri("fhir/Condition", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task An_HL7_v2_result_for_the_ECGs_order_is_feedback_acknowledged_AA_and_refused_with_ERR_codes()
    {
        await using RunningHost host = await RunningHost.StartAsync(new Dictionary<string, string?>());
        string run = Guid.NewGuid().ToString("N")[..8];
        string order = "ORD-" + run;
        string patient = "PFH-" + run;
        EcgRecording recording = EcgMessages.Recording(patient);
        var ordered = new EcgRecording(recording.Leads, recording.SampleRateHz) { AcquisitionTime = recording.AcquisitionTime, Source = recording.Source with { OrderId = order } };
        Assert.Equal("AA", (await host.SendHl7Async(EcgMessages.Hl7(ordered, "ECG-" + run))).Code);
        AuditEntry scored = await Poll.UntilAsync(
            async () => (await host.AuditAsync(new AuditFilter { MessageId = "ECG-" + run })).FirstOrDefault(r => r.Outcome == AuditOutcome.Scored),
            Deadline,
            "the ordered ECG scored");

        Ack recorded = await host.SendHl7Async(Hl7Result("RES-" + run, order, patient));
        Ack again = await host.SendHl7Async(Hl7Result("RES-" + run, order, patient));
        Ack otherPatient = await host.SendHl7Async(Hl7Result("RES-B-" + run, order, "SOMEONE-ELSE"));
        Ack unknownOrder = await host.SendHl7Async(Hl7Result("RES-C-" + run, "NO-SUCH-ORDER", patient));

        Assert.Equal("AA", recorded.Code);
        Assert.Equal("AE", again.Code);
        Assert.Contains(again.ErrorSegments, e => e.Contains(FeedbackCodes.Duplicate, StringComparison.Ordinal) && e.Contains("MSH^1^10", StringComparison.Ordinal));
        Assert.Equal("AE", otherPatient.Code);
        Assert.Contains(otherPatient.ErrorSegments, e => e.Contains(FeedbackCodes.SubjectMismatch, StringComparison.Ordinal));
        Assert.Equal("AE", unknownOrder.Code);
        Assert.Contains(unknownOrder.ErrorSegments, e => e.Contains(FeedbackCodes.RiskAssessmentUnknown, StringComparison.Ordinal));
        AuditEntry row = Assert.Single(await host.AuditAsync(new AuditFilter { Outcome = AuditOutcome.OutcomeRecorded }), r => r.MessageId == "RES-" + run);
        Assert.Equal((scored.RiskAssessmentId, scored.DedupeKey), (row.RiskAssessmentId, row.DedupeKey));
        OutcomeLabel label = Assert.Single(await host.Store.ReadOutcomesAsync(default), l => l.RiskAssessmentId == scored.RiskAssessmentId);
        Assert.Equal((FeedbackKind.Hl7Result, (bool?)true), (label.Kind, label.Confirmed));
    }

    private static byte[] Hl7Result(string controlId, string order, string patient) => Encoding.ASCII.GetBytes(
        "MSH|^~\\&|CATHLAB|HOSP|ECGBRIDGE|HOSP|20261204080000||ORU^R01|" + controlId + "|P|2.5.1\r"
        + "PID|1||" + patient + "^^^urn:test:mrn\r"
        + "OBR|1|" + order + "||CATH^Cardiac catheterisation^L\r"
        + "OBX|1|CWE|401303003^Acute ST segment elevation myocardial infarction^SCT||10828004^Positive^SCT||||||F\r");

    private static async Task<(string RiskAssessmentId, JsonNode Subject)> ScoreAsync(RunningHost host, string controlId, string patient)
    {
        Assert.Equal("AA", (await host.SendHl7Async(EcgMessages.Hl7(controlId, patient))).Code);
        AuditEntry scored = await Poll.UntilAsync(
            async () => (await host.AuditAsync(new AuditFilter { MessageId = controlId })).FirstOrDefault(r => r.Outcome == AuditOutcome.Scored),
            Deadline,
            controlId + " scored");
        string ra = (await host.Store.GetRiskAssessmentJsonAsync(scored.RiskAssessmentId!, default))!;
        return (scored.RiskAssessmentId!, JsonNode.Parse(ra)!["subject"]!.DeepClone());
    }

    private static string Condition(string id, string riskAssessment, JsonNode subject, string verification) => new JsonObject
    {
        ["resourceType"] = "Condition",
        ["id"] = id,
        ["clinicalStatus"] = Coded("http://terminology.hl7.org/CodeSystem/condition-clinical", "active"),
        ["verificationStatus"] = Coded("http://terminology.hl7.org/CodeSystem/condition-ver-status", verification),
        ["code"] = Coded(FhirSystems.Snomed, "401303003"),
        ["subject"] = subject.DeepClone(),
        ["evidence"] = new JsonArray(new JsonObject { ["detail"] = new JsonArray(new JsonObject { ["reference"] = riskAssessment }) }),
    }.ToJsonString();

    private static string CathObservation(string id, string riskAssessmentId, JsonNode subject) => new JsonObject
    {
        ["resourceType"] = "Observation",
        ["id"] = id,
        ["status"] = "final",
        ["code"] = Coded(FhirSystems.Snomed, "401303003"),
        ["subject"] = subject.DeepClone(),
        ["valueCodeableConcept"] = Coded(FhirSystems.Snomed, "260385009"),
        ["derivedFrom"] = new JsonArray(new JsonObject
        {
            ["identifier"] = new JsonObject { ["system"] = FhirSystems.RiskAssessmentIdentifier, ["value"] = riskAssessmentId },
        }),
    }.ToJsonString();

    private static JsonObject Coded(string system, string code) =>
        new() { ["coding"] = new JsonArray(new JsonObject { ["system"] = system, ["code"] = code }) };

    private static async Task<(HttpStatusCode Status, string Body)> PostAsync(RunningHost host, string path, string body, string contentType = "application/fhir+json")
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using HttpResponseMessage response = await host.Http.PostAsync(new Uri(path, UriKind.Relative), content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}

using System.Net;
using System.Text.Json;
using EcgBridge.Core.Audit;

namespace EcgBridge.IntegrationTests.Host.Compliance;

/// <summary>The compliance HTTP API on the real service (PostgreSQL, RabbitMQ, the ONNX model).</summary>
public sealed class ComplianceApiTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private readonly RunningHost _host = fixture.Host;

    [Fact]
    public async Task Search_by_patient_finds_the_scored_row_shows_the_patient_masked_and_is_itself_logged()
    {
        string controlId = "API-" + Guid.NewGuid().ToString("N")[..12];
        string patient = "P-API-" + Guid.NewGuid().ToString("N")[..8];
        await _host.SendHl7Async(EcgMessages.Hl7(controlId, patient));
        AuditEntry scored = await ScoredAsync(controlId);

        using JsonDocument page = await GetJsonAsync($"compliance/api/audit?patient={Uri.EscapeDataString(patient)}&outcome=scored");

        JsonElement item = Assert.Single(page.RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal(scored.Sequence, item.GetProperty("sequence").GetInt64());
        Assert.Equal(scored.Probability, item.GetProperty("probability").GetDouble());
        Assert.Equal(scored.PatientIdHash![..8] + "…", item.GetProperty("patient").GetString());
        string accessLog = await File.ReadAllTextAsync(Path.Combine(_host.DataDir, "access-log.ndjson"));
        Assert.DoesNotContain(patient, accessLog, StringComparison.Ordinal);
        Assert.Contains(scored.PatientIdHash, accessLog, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Detail_shows_the_stored_tensor_matching_the_audit_row_hash()
    {
        string controlId = "DET-" + Guid.NewGuid().ToString("N")[..12];
        await _host.SendHl7Async(EcgMessages.Hl7(controlId));
        AuditEntry scored = await ScoredAsync(controlId);

        using JsonDocument detail = await GetJsonAsync($"compliance/api/audit/{scored.Sequence}");
        using JsonDocument waveform = await GetJsonAsync($"compliance/api/audit/{scored.Sequence}/ecg");

        JsonElement stored = detail.RootElement.GetProperty("storedEcg");
        Assert.True(stored.GetProperty("matchesAudit").GetBoolean());
        Assert.Equal(scored.TensorSha256, stored.GetProperty("tensorSha256").GetString());
        Assert.Equal(scored.Hash, detail.RootElement.GetProperty("hash").GetString());
        Assert.Equal(12, waveform.RootElement.GetProperty("leads").GetArrayLength());
        Assert.Equal(5000, waveform.RootElement.GetProperty("leads")[0].GetProperty("millivolts").GetArrayLength());
    }

    [Fact]
    public async Task Unknown_sequence_is_answered_404_with_an_OperationOutcome()
    {
        HttpResponseMessage response = await _host.Http.GetAsync(new Uri("compliance/api/audit/999999999", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(["HOST-RESOURCE-NOT-FOUND"], await CodesAsync(response));
    }

    [Theory]
    [InlineData("source=x%27%20OR%201%3D1%20--", "COMPLIANCE-FILTER-CHARACTERS")]
    [InlineData("model-version=1%3B%20DROP%20TABLE%20audit", "COMPLIANCE-FILTER-CHARACTERS")]
    [InlineData("outcome=scored%27--", "COMPLIANCE-FILTER-VALUE-INVALID")]
    [InlineData("take=100000", "COMPLIANCE-PAGE-OUT-OF-RANGE")]
    [InlineData("from=2026-11-24&to=2026-11-23", "COMPLIANCE-RANGE-EMPTY")]
    [InlineData("seq=1", "COMPLIANCE-FILTER-UNKNOWN")]
    [InlineData("source=a&source=b", "COMPLIANCE-FILTER-VALUE-INVALID")]
    public async Task Injection_shaped_or_malformed_parameters_are_refused_with_400(string query, string code)
    {
        HttpResponseMessage response = await _host.Http.GetAsync(new Uri("compliance/api/audit?" + query, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(code, await CodesAsync(response));
    }

    [Fact]
    public async Task Oversized_parameter_is_refused_with_400()
    {
        HttpResponseMessage response = await _host.Http.GetAsync(new Uri("compliance/api/export/csv?patient=" + new string('9', 4000), UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["COMPLIANCE-FILTER-TOO-LONG"], await CodesAsync(response));
    }

    [Fact]
    public async Task Exports_give_CSV_and_BALP_AuditEvents_for_the_rows_of_a_message()
    {
        string controlId = "EXP-" + Guid.NewGuid().ToString("N")[..12];
        await _host.SendHl7Async(EcgMessages.Hl7(controlId));
        AuditEntry scored = await ScoredAsync(controlId);
        string range = $"from={Uri.EscapeDataString(scored.ReceivedAt.AddSeconds(-1).ToString("O"))}&to={Uri.EscapeDataString(scored.ReceivedAt.AddSeconds(1).ToString("O"))}";

        string csv = await _host.Http.GetStringAsync(new Uri("compliance/api/export/csv?" + range, UriKind.Relative));
        string ndjson = await _host.Http.GetStringAsync(new Uri("compliance/api/export/auditevent?outcome=scored&" + range, UriKind.Relative));
        using JsonDocument bundle = await GetJsonAsync("compliance/api/export/bundle?outcome=scored&" + range);

        Assert.StartsWith("seq,received_at,", csv, StringComparison.Ordinal);
        Assert.Contains(scored.Hash, csv, StringComparison.Ordinal);
        string[] lines = ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        Assert.All(lines, line => Assert.Equal("AuditEvent", JsonDocument.Parse(line).RootElement.GetProperty("resourceType").GetString()));
        Assert.Contains(lines, line => line.Contains(scored.RiskAssessmentId!, StringComparison.Ordinal));
        Assert.Equal("collection", bundle.RootElement.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Verify_recomputes_the_chain_and_reports_it_intact()
    {
        HttpResponseMessage response = await _host.Http.PostAsync(new Uri("compliance/api/verify", UriKind.Relative), null);

        response.EnsureSuccessStatusCode();
        using JsonDocument verification = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(verification.RootElement.GetProperty("intact").GetBoolean());
    }

    private static async Task<string[]> CodesAsync(HttpResponseMessage response)
    {
        using JsonDocument outcome = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("OperationOutcome", outcome.RootElement.GetProperty("resourceType").GetString());
        return [.. outcome.RootElement.GetProperty("issue").EnumerateArray()
            .Select(i => i.GetProperty("details").GetProperty("coding")[0].GetProperty("code").GetString()!)];
    }

    private async Task<JsonDocument> GetJsonAsync(string relative)
    {
        HttpResponseMessage response = await _host.Http.GetAsync(new Uri(relative, UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    private Task<AuditEntry> ScoredAsync(string messageId) =>
        Poll.UntilAsync(
            async () => (await _host.AuditAsync(new AuditFilter { MessageId = messageId })).FirstOrDefault(r => r.Outcome == AuditOutcome.Scored),
            Deadline,
            "scored row of " + messageId);
}

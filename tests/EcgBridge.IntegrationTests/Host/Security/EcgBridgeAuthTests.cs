using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EcgBridge.Host.Security;
using EcgBridge.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EcgBridge.IntegrationTests.Host.Security;

/// <summary>Bearer JWT and SMART system scopes on the HTTP API of the embedded host (keys configured as in production).</summary>
public sealed class EcgBridgeAuthTests(EcgBridgeAuthTests.Fixture fixture) : IClassFixture<EcgBridgeAuthTests.Fixture>
{
    private RunningHost Host => fixture.Host;

    [Fact]
    public async Task Request_without_token_gets_401_with_an_OperationOutcome_and_an_access_log_AuditEvent()
    {
        string marker = "P-" + Guid.NewGuid().ToString("N")[..10];

        using HttpResponseMessage response = await SendAsync(HttpMethod.Get, "fhir/RiskAssessment?subject=" + marker, token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Equal(SecurityCodes.TokenMissing, await OutcomeCodeAsync(response));
        JsonElement auditEvent = await RefusalAsync("GET /fhir/RiskAssessment", SecurityCodes.TokenMissing);
        Assert.Equal("4", auditEvent.GetProperty("outcome").GetString());
        Assert.Equal("110113", auditEvent.GetProperty("type").GetProperty("code").GetString());
        Assert.DoesNotContain(marker, await File.ReadAllTextAsync(AccessLog));
    }

    [Fact]
    public async Task Token_without_the_write_scope_gets_403_naming_the_scope_and_is_audited_with_the_client()
    {
        string client = "reader-" + Guid.NewGuid().ToString("N")[..8];
        string token = TestTokens.Create([TestTokens.RiskAssessmentRead], subject: client);

        using HttpResponseMessage response = await PostObservationAsync(token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        string challenge = response.Headers.WwwAuthenticate.ToString();
        Assert.Contains("insufficient_scope", challenge, StringComparison.Ordinal);
        Assert.Contains(AuthPolicies.ObservationWrite, challenge, StringComparison.Ordinal);
        Assert.Equal(SecurityCodes.ScopeMissing, await OutcomeCodeAsync(response));
        JsonElement auditEvent = await RefusalAsync("POST /fhir/Observation", SecurityCodes.ScopeMissing, client);
        Assert.DoesNotContain(token, auditEvent.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_scope_cannot_read_RiskAssessments()
    {
        using HttpResponseMessage response = await SendAsync(HttpMethod.Get, "fhir/RiskAssessment/abc", TestTokens.Create([TestTokens.ObservationWrite]));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(SecurityCodes.ScopeMissing, await OutcomeCodeAsync(response));
    }

    [Theory]
    [InlineData("system/RiskAssessment.read")]
    [InlineData("system/*.read")]
    [InlineData("system/*.*")]
    [InlineData("system/RiskAssessment.*")]
    public async Task Read_scopes_and_SMART_wildcards_can_search_RiskAssessments(string scope)
    {
        using HttpResponseMessage response = await SendAsync(HttpMethod.Get, "fhir/RiskAssessment?_count=1", TestTokens.Create([scope]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("system/RiskAssessment.read")]
    [InlineData("system/*.read")]
    [InlineData("patient/Observation.write")]
    [InlineData("system/Observation.read")]
    public async Task Scopes_without_Observation_write_cannot_POST(string scope)
    {
        using HttpResponseMessage response = await PostObservationAsync(TestTokens.Create([scope]));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Write_scope_passes_authorisation_on_POST_to_the_Bundle_endpoint()
    {
        using var content = new StringContent("{\"resourceType\":\"Bundle\",\"type\":\"batch\"}", Encoding.UTF8, "application/fhir+json");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("fhir", UriKind.Relative)) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Create(["system/*.write"]));

        using HttpResponseMessage response = await Host.Http.SendAsync(request);

        Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
    }

    public static TheoryData<string, string> BadTokens() => new()
    {
        { "expired", SecurityCodes.TokenExpired },
        { "wrong-signature", SecurityCodes.TokenSignatureInvalid },
        { "wrong-audience", SecurityCodes.TokenAudienceInvalid },
        { "wrong-issuer", SecurityCodes.TokenIssuerInvalid },
        { "garbage", SecurityCodes.TokenInvalid },
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Invalid_tokens_get_401_with_their_code(string kind, string code)
    {
        string[] scopes = [.. TestTokens.AllScopes];
        string token = kind switch
        {
            "expired" => TestTokens.Create(scopes, expires: DateTimeOffset.UtcNow.AddMinutes(-5)),
            "wrong-signature" => TestTokens.Create(scopes, key: RandomNumberGenerator.GetBytes(32)),
            "wrong-audience" => TestTokens.Create(scopes, audience: "another-service"),
            "wrong-issuer" => TestTokens.Create(scopes, issuer: "https://idp.invalid/"),
            _ => "not.a.jwt",
        };

        using HttpResponseMessage response = await SendAsync(HttpMethod.Get, "fhir/RiskAssessment", token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(code, await OutcomeCodeAsync(response));
        await RefusalAsync("GET /fhir/RiskAssessment", code);
    }

    [Fact]
    public async Task Metadata_and_health_need_no_token()
    {
        using HttpResponseMessage metadata = await SendAsync(HttpMethod.Get, "fhir/metadata", token: null);
        using HttpResponseMessage live = await SendAsync(HttpMethod.Get, "health/live", token: null);
        using HttpResponseMessage ready = await SendAsync(HttpMethod.Get, "health/ready", token: null);

        Assert.Equal(HttpStatusCode.OK, metadata.StatusCode);
        using (JsonDocument capabilities = JsonDocument.Parse(await metadata.Content.ReadAsStringAsync()))
        {
            JsonElement service = capabilities.RootElement.GetProperty("rest")[0].GetProperty("security").GetProperty("service")[0];
            Assert.Equal("SMART-on-FHIR", service.GetProperty("coding")[0].GetProperty("code").GetString());
        }

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.NotEqual(HttpStatusCode.Unauthorized, ready.StatusCode);
    }

    [Fact]
    public async Task Compliance_routes_refuse_a_token_without_the_auditor_role()
    {
        using HttpResponseMessage none = await SendAsync(HttpMethod.Get, "compliance/api/audit", token: null);
        using HttpResponseMessage scopesOnly = await SendAsync(HttpMethod.Get, "compliance/probe", TestTokens.Create(TestTokens.AllScopes, ["operator"]));
        using HttpResponseMessage auditor = await SendAsync(HttpMethod.Get, "compliance/probe", TestTokens.Create([], [TestTokens.AuditorRole]));

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(SecurityCodes.TokenMissing, await OutcomeCodeAsync(none));
        Assert.Equal(HttpStatusCode.Forbidden, scopesOnly.StatusCode);
        Assert.Equal(SecurityCodes.RoleMissing, await OutcomeCodeAsync(scopesOnly));
        Assert.Equal(HttpStatusCode.OK, auditor.StatusCode);
    }

    [Fact]
    public async Task A_browser_without_a_login_is_sent_from_a_compliance_page_to_the_login_form_and_the_refusal_is_audited()
    {
        using HttpResponseMessage page = await SendAsync(HttpMethod.Get, "compliance/probe", token: null);

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/compliance/login", page.Headers.Location?.OriginalString);
        await RefusalAsync("GET /compliance/probe", SecurityCodes.TokenMissing);
    }

    [Fact]
    public async Task The_compliance_API_needs_the_auditor_role_and_its_refusals_are_audited()
    {
        string client = "operator-" + Guid.NewGuid().ToString("N")[..8];

        using HttpResponseMessage scopesOnly = await SendAsync(HttpMethod.Get, "compliance/api/audit", TestTokens.Create(TestTokens.AllScopes, subject: client));
        using HttpResponseMessage auditor = await SendAsync(HttpMethod.Get, "compliance/api/audit", TestTokens.Create([], [TestTokens.AuditorRole]));

        Assert.Equal(HttpStatusCode.Forbidden, scopesOnly.StatusCode);
        Assert.Equal(SecurityCodes.RoleMissing, await OutcomeCodeAsync(scopesOnly));
        await RefusalAsync("GET /compliance/api/audit", SecurityCodes.RoleMissing, client);
        Assert.Equal(HttpStatusCode.OK, auditor.StatusCode);
    }

    [Fact]
    public async Task Auditor_cookie_is_accepted_on_compliance_paths_only()
    {
        string token = TestTokens.Full();

        using HttpResponseMessage compliance = await SendWithCookieAsync("compliance/probe", token);
        using HttpResponseMessage fhir = await SendWithCookieAsync("fhir/RiskAssessment", token);

        Assert.Equal(HttpStatusCode.OK, compliance.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, fhir.StatusCode);
        Assert.Equal(SecurityCodes.TokenMissing, await OutcomeCodeAsync(fhir));
    }

    private string AccessLog => Path.Combine(Host.DataDir, "access-log.ndjson");

    private Task<HttpResponseMessage> PostObservationAsync(string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri("fhir/Observation", UriKind.Relative))
        {
            Content = new StringContent(EcgMessages.FhirObservationJson("auth-" + Guid.NewGuid().ToString("N"), "P-1"), Encoding.UTF8, "application/fhir+json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return SendAsync(request);
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));

        // An explicit header (or explicitly none) instead of the host client's default full token.
        request.Headers.Authorization = token is null ? null : new AuthenticationHeaderValue("Bearer", token);
        return SendAsync(request);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        // Redirects are not followed, so a test sees the answer the service gave.
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = Host.Http.BaseAddress };
        using (request)
        {
            return await client.SendAsync(request);
        }
    }

    private Task<HttpResponseMessage> SendWithCookieAsync(string path, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Add("Cookie", AuthPolicies.AuditorCookieName + "=" + token);
        return SendAsync(request);
    }

    private static async Task<string?> OutcomeCodeAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        using JsonDocument outcome = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("OperationOutcome", outcome.RootElement.GetProperty("resourceType").GetString());
        return outcome.RootElement.GetProperty("issue")[0].GetProperty("details").GetProperty("coding")[0].GetProperty("code").GetString();
    }

    /// <summary>The access-log AuditEvent of a refusal of <paramref name="request"/> with <paramref name="code"/> (by the client, when given).</summary>
    private async Task<JsonElement> RefusalAsync(string request, string code, string? client = null)
    {
        foreach (string line in await File.ReadAllLinesAsync(AccessLog))
        {
            using JsonDocument document = JsonDocument.Parse(line);
            JsonElement root = document.RootElement;
            bool matches = root.GetProperty("resourceType").GetString() == "AuditEvent"
                && root.TryGetProperty("outcomeDesc", out JsonElement desc) && desc.GetString() == code
                && root.GetProperty("entity")[0].GetProperty("description").GetString() == request
                && (client is null || line.Contains("\"" + client + "\"", StringComparison.Ordinal));
            if (matches)
            {
                return root.Clone();
            }
        }

        Assert.Fail($"no access-log AuditEvent for {request} with {code}");
        return default;
    }

    /// <summary>One embedded host with the test signing key and a <c>/compliance/probe</c> endpoint mapped without a policy.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        internal RunningHost Host { get; private set; } = null!;

        public async Task InitializeAsync() =>
            Host = await RunningHost.StartAsync(
                new Dictionary<string, string?>(),
                map: app => app.MapGet("/compliance/probe", () => Results.Text("ok")));

        public async Task DisposeAsync() => await Host.DisposeAsync();
    }
}

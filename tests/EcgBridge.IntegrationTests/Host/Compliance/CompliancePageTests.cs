using System.Globalization;
using System.Text.Json.Nodes;
using EcgBridge.Core.Audit;
using EcgBridge.Hl7v2.Waveforms;
using EcgBridge.Hl7v2.Writing;
using EcgBridge.Host.Security;
using EcgBridge.TestSupport;

namespace EcgBridge.IntegrationTests.Host.Compliance;

/// <summary>The compliance page end to end: the real service on PostgreSQL and RabbitMQ, seen through headless Chromium.</summary>
public sealed class CompliancePageTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private readonly RunningHost _host = fixture.Host;

    [Fact]
    public async Task Auditor_signs_in_searches_and_sees_the_stored_12_lead_ECG_beside_the_audited_probability()
    {
        string controlId = "PAGE-" + Guid.NewGuid().ToString("N")[..12];
        string hostileId = "XSS-" + Guid.NewGuid().ToString("N")[..12];
        Assert.Equal("AA", (await _host.SendHl7Async(EcgMessages.Hl7(controlId, "P-PAGE-1"))).Code);
        byte[] hostile = Pcd01MessageWriter.Write(
            EcgMessages.Recording("P-PAGE-2"),
            new Hl7WriteOptions { SendingApplication = "<script>alert(1)</script>", SendingFacility = "ED", ControlId = hostileId });
        Assert.Equal("AA", (await _host.SendHl7Async(hostile)).Code);
        AuditEntry scored = await ScoredAsync(controlId);
        AuditEntry hostileRow = await ScoredAsync(hostileId);
        Assert.Contains("<script>", hostileRow.SourceSystem, StringComparison.Ordinal);

        await using HeadlessChromium browser = await HeadlessChromium.StartAsync();
        await browser.NavigateAsync(new Uri(_host.Http.BaseAddress!, "compliance/login"));
        string token = TestTokens.Create([], [TestTokens.AuditorRole], subject: "auditor-e2e");
        await browser.RunAndWaitForLoadAsync(
            $"document.getElementById('token').value = {Js(token)}; document.getElementById('sign-in').click()");
        Assert.Equal("/compliance", (await browser.EvaluateAsync("location.pathname"))!.GetValue<string>());

        await browser.RunAndWaitForLoadAsync(
            "document.getElementById('f-outcome').value = 'scored'; document.getElementById('f-take').value = '100'; document.getElementById('search').click()");
        Assert.NotNull(await browser.EvaluateAsync($"document.querySelector('tr[data-seq=\"{scored.Sequence}\"]')?.textContent"));
        JsonNode? hostileCell = await browser.EvaluateAsync(
            $"(() => {{ const td = document.querySelector('tr[data-seq=\"{hostileRow.Sequence}\"] td.source'); return {{ text: td.textContent, html: td.innerHTML }}; }})()");
        Assert.Equal(hostileRow.SourceSystem, hostileCell!["text"]!.GetValue<string>());
        Assert.Contains("&lt;script&gt;", hostileCell["html"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, (await browser.EvaluateAsync("document.querySelectorAll('script').length"))!.GetValue<int>());

        await browser.RunAndWaitForLoadAsync($"document.querySelector('tr[data-seq=\"{scored.Sequence}\"] a').click()");
        Assert.Equal(12, (await browser.EvaluateAsync("document.querySelectorAll('svg.ecg g.lead').length"))!.GetValue<int>());
        JsonNode? leads = await browser.EvaluateAsync("[...document.querySelectorAll('svg.ecg g.lead')].map(g => g.dataset.lead)");
        Assert.Equal(["I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6"], leads!.AsArray().Select(x => x!.GetValue<string>()));
        Assert.Equal(scored.Probability!.Value.ToString("R", CultureInfo.InvariantCulture), await browser.TextAsync("#probability"));
        Assert.Equal(scored.TensorSha256, await browser.TextAsync("#stored-tensor-sha256"));
        Assert.StartsWith("matches", await browser.TextAsync("#stored-tensor-status"), StringComparison.Ordinal);
        Assert.StartsWith("intact", await browser.TextAsync("#chain-status"), StringComparison.Ordinal);
        Assert.Equal(scored.ModelSha256, await browser.TextAsync("#model-sha256"));

        string screenshots = RepositoryPaths.Combine("artifacts", "screenshots");
        Directory.CreateDirectory(screenshots);
        byte[] png = await browser.ScreenshotAsync();
        await File.WriteAllBytesAsync(Path.Combine(screenshots, "compliance-detail.png"), png);
        Assert.True(png.AsSpan().StartsWith((byte[])[0x89, 0x50, 0x4E, 0x47]));

        await browser.RunAndWaitForLoadAsync("document.getElementById('verify-chain').click()");
        Assert.StartsWith("intact", await browser.TextAsync("#chain-status"), StringComparison.Ordinal);

        string accessLog = await File.ReadAllTextAsync(Path.Combine(_host.DataDir, "access-log.ndjson"));
        Assert.Contains("auditor-e2e", accessLog, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_refuses_an_injection_shaped_filter_naming_the_code()
    {
        await using HeadlessChromium browser = await HeadlessChromium.StartAsync();
        await browser.NavigateAsync(new Uri(_host.Http.BaseAddress!, "compliance/login"));
        await browser.RunAndWaitForLoadAsync(
            $"document.getElementById('token').value = {Js(TestTokens.Create([], [TestTokens.AuditorRole], subject: "auditor-e2e"))}; document.getElementById('sign-in').click()");

        await browser.NavigateAsync(new Uri(_host.Http.BaseAddress!, "compliance?source=" + Uri.EscapeDataString("x' OR 1=1 --")));

        Assert.Contains("COMPLIANCE-FILTER-CHARACTERS", await browser.TextAsync("#refused"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not a token", null)]
    [InlineData("a.b.c d", null)]
    [InlineData(null, "cross-site")]
    public async Task Sign_in_refuses_what_is_not_a_token_or_comes_from_another_site_and_sets_no_cookie(string? token, string? fetchSite)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = _host.Http.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "compliance/login")
        {
            Content = new FormUrlEncodedContent([new KeyValuePair<string, string>("token", token ?? TestTokens.Create([], [TestTokens.AuditorRole]))]),
        };
        if (fetchSite is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
        }

        HttpResponseMessage response = await client.SendAsync(request);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Sign_in_keeps_the_token_in_an_HttpOnly_SameSite_Strict_cookie_for_the_compliance_paths_only()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = _host.Http.BaseAddress };

        HttpResponseMessage response = await client.PostAsync(
            new Uri("compliance/login", UriKind.Relative),
            new FormUrlEncodedContent([new KeyValuePair<string, string>("token", TestTokens.Create([], [TestTokens.AuditorRole]))]));

        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        string cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith(AuthPolicies.AuditorCookieName + "=", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/compliance", cookie, StringComparison.OrdinalIgnoreCase);
    }

    private static string Js(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    private Task<AuditEntry> ScoredAsync(string messageId) =>
        Poll.UntilAsync(
            async () => (await _host.AuditAsync(new AuditFilter { MessageId = messageId })).FirstOrDefault(r => r.Outcome == AuditOutcome.Scored),
            Deadline,
            "scored row of " + messageId);
}

using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using EcgBridge.Host.Security;
using EcgBridge.TestSupport;

namespace EcgBridge.IntegrationTests.Host.Security;

/// <summary>RS256 tokens verified with an identity provider's RSA public key from <c>EcgBridge:Auth:PublicKeyPemPath</c>.</summary>
public sealed class PublicKeyTokenTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ecgbridge-rsa-").FullName;
    private readonly RSA _provider = RSA.Create(2048);

    [Fact]
    public async Task RS256_tokens_of_the_configured_key_are_accepted_and_others_refused()
    {
        string pem = Path.Combine(_directory, "idp.pem");
        await File.WriteAllTextAsync(pem, _provider.ExportSubjectPublicKeyInfoPem());
        using RSA stranger = RSA.Create(2048);
        await using RunningHost host = await RunningHost.StartAsync(new Dictionary<string, string?> { ["EcgBridge:Auth:PublicKeyPemPath"] = pem });

        using HttpResponseMessage accepted = await GetAsync(host, TestTokens.Create([TestTokens.RiskAssessmentRead], rsaKey: _provider));
        using HttpResponseMessage foreign = await GetAsync(host, TestTokens.Create([TestTokens.RiskAssessmentRead], rsaKey: stranger));
        using HttpResponseMessage unsigned = await GetAsync(host, TestTokens.WithoutSignature());
        using HttpResponseMessage shared = await GetAsync(host, TestTokens.Create([TestTokens.RiskAssessmentRead]));

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, foreign.StatusCode);
        Assert.Equal(SecurityCodes.TokenSignatureInvalid, await CodeAsync(foreign));
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Equal(HttpStatusCode.OK, shared.StatusCode);
    }

    [Fact]
    public async Task An_unreadable_public_key_refuses_start_up_with_its_code()
    {
        string pem = Path.Combine(_directory, "not-a-key.pem");
        await File.WriteAllTextAsync(pem, "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");

        SecurityConfigurationException error = await Assert.ThrowsAsync<SecurityConfigurationException>(
            () => RunningHost.StartAsync(new Dictionary<string, string?> { ["EcgBridge:Auth:PublicKeyPemPath"] = pem }));

        Assert.Equal(SecurityCodes.PublicKeyUnreadable, error.Code);
    }

    public void Dispose()
    {
        _provider.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>A one-result search with <paramref name="token"/> as the bearer (no default token of the test client).</summary>
    internal static async Task<HttpResponseMessage> GetAsync(RunningHost host, string token)
    {
        using var client = new HttpClient { BaseAddress = host.Http.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("fhir/RiskAssessment?_count=1", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    /// <summary>The code of the OperationOutcome of a refusal.</summary>
    internal static async Task<string?> CodeAsync(HttpResponseMessage response)
    {
        using JsonDocument outcome = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return outcome.RootElement.GetProperty("issue")[0].GetProperty("details").GetProperty("coding")[0].GetProperty("code").GetString();
    }
}

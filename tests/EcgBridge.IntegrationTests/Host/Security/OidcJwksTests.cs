using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EcgBridge.Host.Security;
using EcgBridge.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace EcgBridge.IntegrationTests.Host.Security;

/// <summary>
/// Tokens from an OpenID Connect provider: keys from its discovery document and JWKS (ES256, by kid), its issuer, our
/// audience; a rotated key is picked up without a restart. The provider is a small local stand-in.
/// </summary>
public sealed class OidcJwksTests : IAsyncDisposable
{
    private static readonly string[] Algorithms = ["ES256"];
    private readonly ECDsa _first = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _second = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private WebApplication? _provider;
    private volatile bool _rotated;
    private int _jwksReads;

    [Fact]
    public async Task Tokens_of_the_providers_current_keys_are_accepted_others_refused_and_a_rotated_key_is_picked_up()
    {
        string issuer = await StartProviderAsync();
        await using RunningHost host = await RunningHost.StartAsync(new Dictionary<string, string?>
        {
            ["EcgBridge:Auth:Authority"] = issuer,
            ["EcgBridge:Auth:AllowHttpMetadata"] = "true",
            ["EcgBridge:Auth:JwksMinimumRefreshSeconds"] = "1",
        });

        using HttpResponseMessage accepted = await PublicKeyTokenTests.GetAsync(host, Token(_first, "k1", issuer, TestTokens.Audience));
        using HttpResponseMessage otherIssuer = await PublicKeyTokenTests.GetAsync(host, Token(_first, "k1", "https://elsewhere.example", TestTokens.Audience));
        using HttpResponseMessage otherAudience = await PublicKeyTokenTests.GetAsync(host, Token(_first, "k1", issuer, "someone-else"));
        using HttpResponseMessage notYetPublished = await PublicKeyTokenTests.GetAsync(host, Token(_second, "k2", issuer, TestTokens.Audience));
        using HttpResponseMessage forged = await PublicKeyTokenTests.GetAsync(host, Token(_second, "k1", issuer, TestTokens.Audience));

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, otherIssuer.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, otherAudience.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, notYetPublished.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(SecurityCodes.TokenSignatureInvalid, await PublicKeyTokenTests.CodeAsync(forged));

        // The provider rotates to k2: a token with the new kid makes the service read the JWKS again.
        _rotated = true;
        int readsBefore = Volatile.Read(ref _jwksReads);
        await Poll.UntilAsync(
            async () =>
            {
                using HttpResponseMessage response = await PublicKeyTokenTests.GetAsync(host, Token(_second, "k2", issuer, TestTokens.Audience));
                return response.StatusCode == HttpStatusCode.OK;
            },
            TimeSpan.FromSeconds(30),
            "token signed with the rotated key accepted");
        Assert.True(Volatile.Read(ref _jwksReads) > readsBefore);

        // Keys the operator configured still count beside the provider's.
        using HttpResponseMessage configured = await PublicKeyTokenTests.GetAsync(host, TestTokens.Create([TestTokens.RiskAssessmentRead]));
        Assert.Equal(HttpStatusCode.OK, configured.StatusCode);
    }

    public async ValueTask DisposeAsync()
    {
        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }

        _first.Dispose();
        _second.Dispose();
    }

    private async Task<string> StartProviderAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _provider = builder.Build();
        string issuer = "";
        _provider.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = issuer,
            ["jwks_uri"] = issuer + "/jwks",
            ["id_token_signing_alg_values_supported"] = Algorithms,
        }));
        _provider.MapGet("/jwks", () =>
        {
            Interlocked.Increment(ref _jwksReads);
            return Results.Json(new { keys = _rotated ? new[] { Jwk(_second, "k2") } : [Jwk(_first, "k1")] });
        });
        await _provider.StartAsync();
        issuer = _provider.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return issuer;
    }

    private static Dictionary<string, string> Jwk(ECDsa key, string kid)
    {
        ECParameters p = key.ExportParameters(includePrivateParameters: false);
        return new Dictionary<string, string>
        {
            ["kty"] = "EC",
            ["crv"] = "P-256",
            ["use"] = "sig",
            ["alg"] = "ES256",
            ["kid"] = kid,
            ["x"] = Base64Url(p.Q.X!),
            ["y"] = Base64Url(p.Q.Y!),
        };
    }

    private static string Token(ECDsa key, string kid, string issuer, string audience)
    {
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        string header = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new { alg = "ES256", typ = "JWT", kid }));
        string payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["iss"] = issuer,
            ["aud"] = audience,
            ["sub"] = "idp-client",
            ["scope"] = TestTokens.RiskAssessmentRead,
            ["iat"] = now,
            ["nbf"] = now,
            ["exp"] = now + 600,
        }));
        byte[] signature = key.SignData(Encoding.ASCII.GetBytes(header + "." + payload), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return header + "." + payload + "." + Base64Url(signature);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

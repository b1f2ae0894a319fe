using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace EcgBridge.IntegrationTests.Host;

/// <summary>
/// A small FHIR server on loopback standing in for the EHR: records RiskAssessment conditional creates
/// (If-None-Exist on identifier: 201 the first time, 200 after), and can be told to answer 503 for the next N requests.
/// </summary>
internal sealed class RecordingEhr : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, string> _byIdentifier = new();
    private int _unavailable;
    private int _posts;
    private int _creates;
    private int _tokenRequests;
    private int _tokenGeneration;
    private Microsoft.IdentityModel.Tokens.SecurityKey? _clientKey;

    private RecordingEhr(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    /// <summary>POSTs received (including refused ones).</summary>
    public int Posts => Volatile.Read(ref _posts);

    /// <summary>Resources actually created (201).</summary>
    public int Creates => Volatile.Read(ref _creates);

    /// <summary>Token requests with a valid client assertion (SMART Backend Services).</summary>
    public int TokenRequests => Volatile.Read(ref _tokenRequests);

    /// <summary>
    /// Requires SMART Backend Services: the client's public key verifies client assertions at
    /// <c>&lt;base&gt;auth/token</c> (announced in <c>.well-known/smart-configuration</c>); RiskAssessment POSTs need the
    /// current access token.
    /// </summary>
    public void RequireSmartBackend(Microsoft.IdentityModel.Tokens.SecurityKey clientPublicKey) => _clientKey = clientPublicKey;

    /// <summary>Revokes every token issued so far (the next POST with an old token gets 401).</summary>
    public void RevokeTokens() => Interlocked.Increment(ref _tokenGeneration);

    public static async Task<RecordingEhr> StartAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        WebApplication app = builder.Build();
        var ehr = new RecordingEhr(app);
        app.MapPost("/fhir/RiskAssessment", (Delegate)ehr.HandleAsync);
        app.MapGet("/fhir/.well-known/smart-configuration", (HttpContext http) => Results.Json(new Dictionary<string, string> { ["token_endpoint"] = ehr.BaseUrl + "auth/token" }));
        app.MapPost("/fhir/auth/token", (Delegate)ehr.TokenAsync);
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        ehr.BaseUrl = address + "/fhir/";
        return ehr;
    }

    /// <summary>Answer 503 to the next <paramref name="count"/> requests.</summary>
    public void FailNext(int count) => Volatile.Write(ref _unavailable, count);

    /// <summary>The stored RiskAssessment JSON for an identifier value, or null.</summary>
    public string? Find(string identifierValue) =>
        _byIdentifier.TryGetValue(identifierValue, out string? json) ? json : null;

    private async Task<IResult> TokenAsync(HttpContext http)
    {
        IFormCollection form = await http.Request.ReadFormAsync();
        if (_clientKey is null || form["grant_type"] != "client_credentials"
            || form["client_assertion_type"] != "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
        {
            return Results.StatusCode(StatusCodes.Status400BadRequest);
        }

        Microsoft.IdentityModel.Tokens.TokenValidationResult result = await new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().ValidateTokenAsync(
            form["client_assertion"].ToString(),
            new Microsoft.IdentityModel.Tokens.TokenValidationParameters
            {
                ValidIssuer = "ecgbridge-test-client",
                ValidAudience = BaseUrl + "auth/token",
                IssuerSigningKey = _clientKey,
                ValidAlgorithms = ["ES384", "RS384"],
            });
        if (!result.IsValid)
        {
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }

        Interlocked.Increment(ref _tokenRequests);
        return Results.Json(new Dictionary<string, object> { ["access_token"] = "tok-" + Volatile.Read(ref _tokenGeneration), ["token_type"] = "bearer", ["expires_in"] = 300 });
    }

    private async Task<IResult> HandleAsync(HttpContext http)
    {
        Interlocked.Increment(ref _posts);
        if (_clientKey is not null && http.Request.Headers.Authorization.ToString() != "Bearer tok-" + Volatile.Read(ref _tokenGeneration))
        {
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }

        if (Interlocked.Decrement(ref _unavailable) >= 0)
        {
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        Interlocked.Exchange(ref _unavailable, 0);
        using var reader = new StreamReader(http.Request.Body);
        string json = await reader.ReadToEndAsync();
        string? condition = http.Request.Headers["If-None-Exist"].FirstOrDefault();
        if (condition is null || !condition.StartsWith("identifier=", StringComparison.Ordinal))
        {
            return Results.StatusCode(StatusCodes.Status412PreconditionFailed);
        }

        string token = Uri.UnescapeDataString(condition["identifier=".Length..]);
        string value = token[(token.IndexOf('|', StringComparison.Ordinal) + 1)..];
        using JsonDocument document = JsonDocument.Parse(json);
        if (document.RootElement.GetProperty("resourceType").GetString() != "RiskAssessment")
        {
            return Results.StatusCode(StatusCodes.Status400BadRequest);
        }

        if (_byIdentifier.TryAdd(value, json))
        {
            Interlocked.Increment(ref _creates);
            return Results.StatusCode(StatusCodes.Status201Created);
        }

        return Results.StatusCode(StatusCodes.Status200OK);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

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
/// A small FHIR server on loopback standing in for the EHR: takes transaction Bundles (conditional creates of Device,
/// RiskAssessment, Provenance) at its base and RiskAssessment conditional creates (If-None-Exist on identifier: 201 the
/// first time, 200 after); validates everything it receives with Firely's validator (422 with an OperationOutcome when
/// invalid, as EHRs that validate do); can be told to answer a given status for the next N requests.
/// </summary>
internal sealed class RecordingEhr : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, string> _byIdentifier = new();
    private readonly ConcurrentDictionary<string, string> _devices = new();
    private readonly ConcurrentDictionary<string, string> _provenances = new();
    private int _unavailable;
    private int _failStatus = StatusCodes.Status503ServiceUnavailable;
    private int _invalid;
    private int _transactions;
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

    /// <summary>Transactions whose conditional creates were all applied.</summary>
    public int Transactions => Volatile.Read(ref _transactions);

    /// <summary>Deliveries that failed validation (answered 422).</summary>
    public int Invalid => Volatile.Read(ref _invalid);

    /// <summary>Device resources created (one per model, however many results).</summary>
    public int Devices => _devices.Count;

    /// <summary>The Provenance JSON stored for a RiskAssessment identifier value, or null.</summary>
    public string? FindProvenance(string identifierValue) =>
        _provenances.TryGetValue(identifierValue, out string? json) ? json : null;

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
        app.MapPost("/fhir", (Delegate)ehr.TransactionAsync);
        app.MapGet("/fhir/.well-known/smart-configuration", (HttpContext http) => Results.Json(new Dictionary<string, string> { ["token_endpoint"] = ehr.BaseUrl + "auth/token" }));
        app.MapPost("/fhir/auth/token", (Delegate)ehr.TokenAsync);
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        ehr.BaseUrl = address + "/fhir/";
        return ehr;
    }

    /// <summary>Answer <paramref name="status"/> (503 unless told) to the next <paramref name="count"/> requests.</summary>
    public void FailNext(int count, int status = StatusCodes.Status503ServiceUnavailable)
    {
        Volatile.Write(ref _failStatus, status);
        Volatile.Write(ref _unavailable, count);
    }

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

    /// <summary>Authorisation and told-to-fail answers shared by both routes; null when the request goes on.</summary>
    private IResult? Gate(HttpContext http)
    {
        Interlocked.Increment(ref _posts);
        if (_clientKey is not null && http.Request.Headers.Authorization.ToString() != "Bearer tok-" + Volatile.Read(ref _tokenGeneration))
        {
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }

        if (Interlocked.Decrement(ref _unavailable) >= 0)
        {
            int status = Volatile.Read(ref _failStatus);
            return status == StatusCodes.Status503ServiceUnavailable ? Results.StatusCode(status) : Outcome(status, "EHR says no");
        }

        Interlocked.Exchange(ref _unavailable, 0);
        return null;
    }

    private static IResult Outcome(int status, string text) => Results.Text(
        JsonSerializer.Serialize(new { resourceType = "OperationOutcome", issue = new[] { new { severity = "error", code = "processing", diagnostics = text } } }),
        "application/fhir+json",
        statusCode: status);

    /// <summary>Validates a received resource the way a validating EHR does; the 422 answer when it fails.</summary>
    private IResult? Validate(string json, string what)
    {
        try
        {
            FhirValidatingHandler.AssertValid(json, xml: false, what);
            return null;
        }
        catch (Xunit.Sdk.XunitException exception)
        {
            Interlocked.Increment(ref _invalid);
            return Outcome(StatusCodes.Status422UnprocessableEntity, exception.Message);
        }
    }

    /// <summary>Authorisation, told-to-fail answers and validation; the answer to give now, or null and the body.</summary>
    private async Task<(IResult? Answer, string Json)> ReceiveAsync(HttpContext http, string what)
    {
        if (Gate(http) is { } refused)
        {
            return (refused, "");
        }

        using var reader = new StreamReader(http.Request.Body);
        string json = await reader.ReadToEndAsync();
        return (Validate(json, what), json);
    }

    private async Task<IResult> TransactionAsync(HttpContext http)
    {
        (IResult? answer, string json) = await ReceiveAsync(http, "POST [base]");
        if (answer is not null)
        {
            return answer;
        }

        using JsonDocument document = JsonDocument.Parse(json);
        if (document.RootElement.GetProperty("type").GetString() != "transaction")
        {
            return Outcome(StatusCodes.Status400BadRequest, "not a transaction");
        }

        var responses = new List<object>();
        foreach (JsonElement entry in document.RootElement.GetProperty("entry").EnumerateArray())
        {
            string condition = entry.GetProperty("request").GetProperty("ifNoneExist").GetString()!;
            string value = Uri.UnescapeDataString(condition[(condition.IndexOf('|', StringComparison.Ordinal) + 1)..]);
            string resource = entry.GetProperty("resource").GetRawText();
            bool created = entry.GetProperty("resource").GetProperty("resourceType").GetString() switch
            {
                "Device" => _devices.TryAdd(value, resource),
                "RiskAssessment" => _byIdentifier.TryAdd(value, resource),
                "Provenance" => _provenances.TryAdd(value, resource),
                _ => false,
            };
            if (created && entry.GetProperty("resource").GetProperty("resourceType").GetString() == "RiskAssessment")
            {
                Interlocked.Increment(ref _creates);
            }

            responses.Add(new { response = new { status = created ? "201 Created" : "200 OK" } });
        }

        Interlocked.Increment(ref _transactions);
        return Results.Text(JsonSerializer.Serialize(new { resourceType = "Bundle", type = "transaction-response", entry = responses }), "application/fhir+json");
    }

    private async Task<IResult> HandleAsync(HttpContext http)
    {
        (IResult? answer, string json) = await ReceiveAsync(http, "POST RiskAssessment");
        if (answer is not null)
        {
            return answer;
        }
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

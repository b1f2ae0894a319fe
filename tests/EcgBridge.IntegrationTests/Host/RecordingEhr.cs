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

    private RecordingEhr(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    /// <summary>POSTs received (including refused ones).</summary>
    public int Posts => Volatile.Read(ref _posts);

    /// <summary>Resources actually created (201).</summary>
    public int Creates => Volatile.Read(ref _creates);

    public static async Task<RecordingEhr> StartAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        WebApplication app = builder.Build();
        var ehr = new RecordingEhr(app);
        app.MapPost("/fhir/RiskAssessment", (Delegate)ehr.HandleAsync);
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

    private async Task<IResult> HandleAsync(HttpContext http)
    {
        Interlocked.Increment(ref _posts);
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

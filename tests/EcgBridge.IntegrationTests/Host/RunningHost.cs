using System.Net;
using System.Net.Http.Headers;
using EcgBridge.Core.Audit;
using EcgBridge.Host;
using EcgBridge.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EcgBridge.IntegrationTests.Host;

/// <summary>The service started in-process on free loopback ports, as <c>ecgbridge serve</c> composes it.</summary>
internal sealed class RunningHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunningHost(WebApplication app, IPEndPoint mllp, Uri http, string dataDir)
    {
        _app = app;
        Mllp = mllp;
        Http = new HttpClient(new FhirValidatingHandler()) { BaseAddress = http };

        // Every scope and the auditor role: tests of other features get through authorisation; AuthTests use their own clients.
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Full());
        DataDir = dataDir;
    }

    public IPEndPoint Mllp { get; }

    public HttpClient Http { get; }

    public string DataDir { get; }

    public IAuditStore Store => _app.Services.GetRequiredService<IAuditStore>();

    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Starts the host; <paramref name="map"/> may add endpoints before start (as a feature's Map… call would);
    /// <paramref name="configure"/> may add services before build (telemetry capture).
    /// </summary>
    public static async Task<RunningHost> StartAsync(
        IDictionary<string, string?> settings, string? dataDir = null, Action<WebApplication>? map = null, Action<WebApplicationBuilder>? configure = null, bool keepDataDir = false)
    {
        dataDir ??= Path.Combine(Path.GetTempPath(), "ecgbridge-it-" + Guid.NewGuid().ToString("N"));
        var all = new Dictionary<string, string?>(settings)
        {
            ["EcgBridge:HttpUrl"] = "http://127.0.0.1:0",
            ["EcgBridge:Mllp:Port"] = "0",
            ["EcgBridge:Ehr:RetryDelayMilliseconds"] = "20",
            ["EcgBridge:Ehr:RedeliverySeconds"] = "1",
            ["EcgBridge:Ehr:PollMilliseconds"] = "100",
            ["Logging:LogLevel:Default"] = "Warning",
            ["EcgBridge:MappingsDirectory"] = RepositoryPaths.Combine("mappings"),
            ["EcgBridge:Inference:ModelDirectory"] = RepositoryPaths.Combine("models", "ecg-smart-net"),
        };

        // A test that wants the development key (no key configured) passes EcgBridge:Auth:SigningKeys = null.
        all.TryAdd("EcgBridge:Auth:SigningKeys", TestTokens.SigningKeyBase64);
        WebApplicationBuilder builder = EcgBridgeHost.CreateBuilder([], dataDir, c => c.AddInMemoryCollection(all));
        configure?.Invoke(builder);
        WebApplication app = EcgBridgeHost.Build(builder);
        map?.Invoke(app);
        await app.StartAsync();
        IPEndPoint mllp = await EcgBridgeHost.MllpEndPointAsync(app.Services);
        string address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new RunningHost(app, mllp, new Uri(address), dataDir) { KeepDataDir = keepDataDir };
    }

    public async Task<Ack> SendHl7Async(byte[] message)
    {
        await using MllpClient client = await MllpClient.ConnectAsync(Mllp);
        return Ack.Parse(await client.SendAsync(message));
    }

    /// <summary>Audit rows of one dedupe key or message id.</summary>
    public async Task<IReadOnlyList<AuditEntry>> AuditAsync(AuditFilter filter) =>
        (await Store.SearchAuditAsync(filter, 0, 100, CancellationToken.None)).Items;

    /// <summary>Leave the data folder in place on dispose (a test starts another host on it).</summary>
    public bool KeepDataDir { get; init; }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (KeepDataDir)
        {
            return;
        }

        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

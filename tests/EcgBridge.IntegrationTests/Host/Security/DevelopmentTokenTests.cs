using System.Net;
using System.Net.Http.Headers;
using System.Text;
using EcgBridge.Host;
using EcgBridge.Host.Security;
using EcgBridge.TestSupport;
using Microsoft.Extensions.Configuration;

namespace EcgBridge.IntegrationTests.Host.Security;

/// <summary>The embedded default: no signing key configured → development key and token in the data dir, loopback only.</summary>
public sealed class DevelopmentTokenTests
{
    private static readonly Dictionary<string, string?> NoKeys = new() { ["EcgBridge:Auth:SigningKeys"] = null };

    [Fact]
    public async Task The_development_token_written_at_start_is_accepted_and_its_files_are_owner_only()
    {
        await using RunningHost host = await RunningHost.StartAsync(NoKeys);
        string tokenFile = Path.Combine(host.DataDir, DevelopmentKey.TokenFileName);
        string token = (await File.ReadAllTextAsync(tokenFile)).Trim();

        using HttpResponseMessage read = await SendAsync(host, HttpMethod.Get, "fhir/RiskAssessment?_count=1", token);
        using HttpResponseMessage compliance = await SendAsync(host, HttpMethod.Get, "compliance/api/audit", TestTokens.Full());

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, compliance.StatusCode);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(tokenFile));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(host.DataDir, DevelopmentKey.KeyFileName)));
        }
    }

    [Fact]
    public async Task A_token_minted_by_ecgbridge_token_carries_only_the_requested_scope()
    {
        await using RunningHost host = await RunningHost.StartAsync(NoKeys);

        string token = await RunTokenCommandAsync("--data-dir", host.DataDir, "--scope", "system/RiskAssessment.read", "--lifetime", "10m");
        using HttpResponseMessage read = await SendAsync(host, HttpMethod.Get, "fhir/RiskAssessment?_count=1", token);
        using HttpResponseMessage write = await SendAsync(host, HttpMethod.Post, "fhir/Observation", token);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
    }

    [Theory]
    [InlineData("http://0.0.0.0:8080")]
    [InlineData("http://+:8080")]
    [InlineData("http://127.0.0.1:8080;http://10.1.2.3:8080")]
    [InlineData("http://127.0.0.1:8080", "https://0.0.0.0:8443")]
    public void Start_up_is_refused_off_loopback_without_a_configured_key(string httpUrl, string? kestrelEndpoint = null)
    {
        string dataDir = Path.Combine(Path.GetTempPath(), "ecgbridge-it-" + Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string?> { ["EcgBridge:HttpUrl"] = httpUrl, ["Kestrel:Endpoints:Extra:Url"] = kestrelEndpoint };
        try
        {
            SecurityConfigurationException error = Assert.Throws<SecurityConfigurationException>(() => EcgBridgeHost.CreateBuilder(
                [], dataDir, c => c.AddInMemoryCollection(settings)));

            Assert.Equal(SecurityCodes.KeysRequiredOffLoopback, error.Code);
            Assert.False(File.Exists(Path.Combine(dataDir, DevelopmentKey.KeyFileName)));
        }
        finally
        {
            if (Directory.Exists(dataDir))
            {
                Directory.Delete(dataDir, recursive: true);
            }
        }
    }

    [Theory]
    [InlineData("not base64!", SecurityCodes.SigningKeyInvalid)]
    [InlineData("c2hvcnQ=", SecurityCodes.SigningKeyTooShort)]
    public void Unusable_signing_keys_refuse_start_up_with_their_code(string keys, string code)
    {
        SecurityConfigurationException error = Assert.Throws<SecurityConfigurationException>(() => EcgBridgeHost.CreateBuilder(
            [], Path.Combine(Path.GetTempPath(), "ecgbridge-it-" + Guid.NewGuid().ToString("N")),
            c => c.AddInMemoryCollection(new Dictionary<string, string?> { ["EcgBridge:Auth:SigningKeys"] = keys })));

        Assert.Equal(code, error.Code);
        Assert.DoesNotContain(keys, error.Message, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> SendAsync(RunningHost host, HttpMethod method, string path, string token)
    {
        using var client = new HttpClient { BaseAddress = host.Http.BaseAddress };
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (method == HttpMethod.Post)
        {
            request.Content = new StringContent(EcgMessages.FhirObservationJson("dev-" + Guid.NewGuid().ToString("N"), "P-1"), Encoding.UTF8, "application/fhir+json");
        }

        return await client.SendAsync(request);
    }

    private static async Task<string> RunTokenCommandAsync(params string[] args)
    {
        (int exitCode, string stdout, string stderr) = await CliProcess.RunAsync(["token", .. args]);
        Assert.True(exitCode == 0, stderr);
        return stdout.Trim();
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using EcgBridge.IntegrationTests.Reliability;
using EcgBridge.TestSupport;

namespace EcgBridge.IntegrationTests.Host;

/// <summary>
/// The product as an operator installs it: <c>dotnet publish</c> output copied to an empty folder, started from another
/// empty folder with no configuration — the shipped model and mapping profiles must come with it.
/// </summary>
public sealed class PublishedBinaryTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ecgb-published-" + Guid.NewGuid().ToString("N")[..8]);
    private string _app = "";

    public async Task InitializeAsync()
    {
        _app = Path.Combine(_root, "app");
        Directory.CreateDirectory(Path.Combine(_root, "cwd"));
        (int exit, string output) = await RunAsync("dotnet", ["publish", RepositoryPaths.Combine("src", "EcgBridge.Cli", "EcgBridge.Cli.csproj"), "-c", "Release", "--no-build", "-o", _app]);
        Assert.True(exit == 0, "dotnet publish failed: " + output);
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A killed child may still hold a file for a moment; the temp folder is cleaned by the OS.
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task Published_copy_started_from_an_empty_folder_accepts_and_scores_HL7_and_FHIR_ECGs()
    {
        Assert.True(File.Exists(Path.Combine(_app, "mappings", "ihe-pcd01.json")), "mapping profiles are not in the publish output");
        string dataDir = Path.Combine(_root, "data");
        await using ServeProcess service = await ServeProcess.StartAsync(
            dataDir, ServeProcess.FreePort(), ServeProcess.FreePort(), new Dictionary<string, string>(), Path.Combine(_root, "serve.log"), Deadline,
            appDirectory: _app, workingDirectory: Path.Combine(_root, "cwd"));

        Ack ack;
        await using (MllpClient client = await MllpClient.ConnectAsync(service.Mllp))
        {
            ack = Ack.Parse(await client.SendAsync(EcgMessages.Hl7("PUB-1", "P-PUB")));
        }

        using var http = new HttpClient { BaseAddress = service.Http };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await File.ReadAllTextAsync(Path.Combine(dataDir, "dev-token.txt"))).Trim());
        using var content = new StringContent(EcgMessages.FhirObservationJson("pub-1", "P-PUB"), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/fhir+json");
        using HttpResponseMessage created = await http.PostAsync(new Uri("fhir/Observation", UriKind.Relative), content);

        Assert.Equal("AA", ack.Code);
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        await Poll.UntilAsync(
            async () =>
            {
                using JsonDocument bundle = JsonDocument.Parse(await http.GetStringAsync(new Uri("fhir/RiskAssessment?_count=10", UriKind.Relative)));
                return bundle.RootElement.GetProperty("total").GetInt32() == 2;
            },
            Deadline,
            "two RiskAssessments");
        string log = await File.ReadAllTextAsync(Path.Combine(_root, "serve.log"));
        Assert.DoesNotContain("HL7-PROFILE-NONE", log, StringComparison.Ordinal);
        string token = (await File.ReadAllTextAsync(Path.Combine(dataDir, "dev-token.txt"))).Trim();
        Assert.DoesNotContain(token, log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Published_copy_refuses_to_start_on_a_mappings_folder_with_a_broken_profile()
    {
        string mappings = Path.Combine(_root, "site-mappings");
        Directory.CreateDirectory(mappings);
        File.Copy(Path.Combine(_app, "mappings", "ihe-pcd01.json"), Path.Combine(mappings, "ihe-pcd01.json"));
        await File.WriteAllTextAsync(Path.Combine(mappings, "site-feed.json"), "{ \"name\": \"site-feed\", ");

        (int exit, string output) = await RunAsync(
            "dotnet", ["exec", Path.Combine(_app, "ecgbridge.dll"), "serve", "--data-dir", Path.Combine(_root, "data")],
            new Dictionary<string, string> { ["EcgBridge__MappingsDirectory"] = mappings, ["EcgBridge__Mllp__Port"] = "0", ["EcgBridge__HttpUrl"] = "http://127.0.0.1:0" });

        Assert.Equal(2, exit);
        Assert.Contains("refused: MAPPING-JSON-INVALID site-feed.json", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Published_copy_refuses_to_start_when_the_mappings_folder_is_missing()
    {
        string missing = Path.Combine(_root, "no-such-folder");

        (int exit, string output) = await RunAsync(
            "dotnet", ["exec", Path.Combine(_app, "ecgbridge.dll"), "serve", "--data-dir", Path.Combine(_root, "data")],
            new Dictionary<string, string> { ["EcgBridge__MappingsDirectory"] = missing, ["EcgBridge__Mllp__Port"] = "0", ["EcgBridge__HttpUrl"] = "http://127.0.0.1:0" });

        Assert.Equal(2, exit);
        Assert.Contains("refused: MAPPING-DIRECTORY-MISSING", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stand_in_scorer_without_a_test_environment_flag_is_refused_at_start()
    {
        (int exit, string output) = await RunAsync(
            "dotnet", ["exec", Path.Combine(_app, "ecgbridge.dll"), "serve", "--data-dir", Path.Combine(_root, "data")],
            new Dictionary<string, string> { ["EcgBridge__Inference__StandIn"] = "fixed-cost:20ms", ["EcgBridge__Mllp__Port"] = "0", ["EcgBridge__HttpUrl"] = "http://127.0.0.1:0" });

        Assert.Equal(2, exit);
        Assert.Contains("refused: HOST-STAND-IN-REFUSED", output, StringComparison.Ordinal);
    }

    private async Task<(int ExitCode, string Output)> RunAsync(string file, string[] args, IReadOnlyDictionary<string, string>? environment = null)
    {
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : file;
        var start = new ProcessStartInfo(dotnet)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.Combine(_root, "cwd"),
        };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach ((string key, string value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Deadline);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}

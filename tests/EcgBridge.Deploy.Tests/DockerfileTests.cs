using static EcgBridge.Deploy.Tests.DeployFiles;

namespace EcgBridge.Deploy.Tests;

public sealed class DockerfileTests
{
    private static readonly string[] Lines = [.. File.ReadAllLines(Dockerfile).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))];

    private static IEnumerable<string> FinalStage => Lines.Skip(Array.FindLastIndex(Lines, l => l.StartsWith("FROM ", StringComparison.Ordinal)));

    [Fact]
    public void Builds_with_the_sdk_and_runs_on_the_aspnet_runtime()
    {
        string[] from = [.. Lines.Where(l => l.StartsWith("FROM ", StringComparison.Ordinal))];

        Assert.Equal(2, from.Length);
        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build", from[0], StringComparison.Ordinal);
        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet:10.0", from[1], StringComparison.Ordinal);
        Assert.Contains(FinalStage, l => l.StartsWith("COPY --from=build", StringComparison.Ordinal));
    }

    [Fact]
    public void Copies_the_model_and_the_mappings_into_the_image()
    {
        Assert.Contains(FinalStage, l => l.StartsWith("COPY models/ecg-smart-net/ /app/models/ecg-smart-net/", StringComparison.Ordinal));
        Assert.Contains(FinalStage, l => l.StartsWith("COPY mappings/ /app/mappings/", StringComparison.Ordinal));
        Assert.True(File.Exists(EcgBridge.TestSupport.RepositoryPaths.Combine("models", "ecg-smart-net", "manifest.json")));
    }

    [Fact]
    public void Runs_as_a_non_root_user()
    {
        string user = Assert.Single(FinalStage, l => l.StartsWith("USER ", StringComparison.Ordinal));
        string uid = user["USER ".Length..].Split(':')[0];

        Assert.NotEqual("root", uid);
        Assert.NotEqual("0", uid);
        Assert.True(int.Parse(uid, System.Globalization.CultureInfo.InvariantCulture) >= 1000);
    }

    [Fact]
    public void Exposes_http_and_mllp_and_checks_readiness()
    {
        Assert.Contains("EXPOSE 8080 2575", Lines);
        Assert.Contains(Lines, l => l.Contains("/health/ready", StringComparison.Ordinal));
        Assert.Contains("CMD [\"serve\"]", Lines);
    }
}

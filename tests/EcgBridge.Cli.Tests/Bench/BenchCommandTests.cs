using EcgBridge.Cli.Commands;

namespace EcgBridge.Cli.Tests.Bench;

[Collection(CliRunner.CollectionName)]
public class BenchCommandTests
{
    [Theory]
    [InlineData("--to", "ftp://127.0.0.1:21")]
    [InlineData("--to", "mllp://127.0.0.1")]
    [InlineData("--rate", "fast")]
    [InlineData("--rate", "0")]
    [InlineData("--count", "0")]
    [InlineData("--duration", "soon")]
    [InlineData("--connections", "0")]
    [InlineData("--poll-ms", "0")]
    public async Task Refuses_invalid_options_as_a_usage_error(string option, string value)
    {
        CliResult result = await CliRunner.RunAsync("bench", option, value);

        Assert.Equal(EcgBridgeCommand.ExitUsage, result.ExitCode);
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_count_and_duration_together()
    {
        CliResult result = await CliRunner.RunAsync("bench", "--count", "5", "--duration", "10s");

        Assert.Equal(EcgBridgeCommand.ExitUsage, result.ExitCode);
    }

    [Fact]
    public async Task Refuses_small_messages_over_http_and_hl7_over_http()
    {
        CliResult small = await CliRunner.RunAsync("bench", "--small", "--to", "http://127.0.0.1:1/fhir");
        CliResult hl7 = await CliRunner.RunAsync("bench", "--format", "hl7", "--to", "http://127.0.0.1:1/fhir");

        Assert.Equal(EcgBridgeCommand.ExitUsage, small.ExitCode);
        Assert.Equal(EcgBridgeCommand.ExitUsage, hl7.ExitCode);
    }

    [Fact]
    public async Task Refuses_to_follow_results_where_no_serve_keeps_its_audit()
    {
        string empty = Path.Combine(Path.GetTempPath(), "ecgb-bench-none-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(empty);
        try
        {
            CliResult result = await CliRunner.RunAsync("bench", "--count", "1", "--data-dir", empty);

            Assert.Equal(EcgBridgeCommand.ExitUsage, result.ExitCode);
            Assert.Contains("no audit database", result.Error, StringComparison.Ordinal);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(empty, recursive: true);
        }
    }

    [Fact]
    public void The_development_token_is_read_from_the_data_dir_when_present()
    {
        string dir = Path.Combine(Path.GetTempPath(), "ecgb-bench-token-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            Assert.Null(BenchCommand.DevToken(dir));
            File.WriteAllText(Path.Combine(dir, "dev-token.txt"), "header.payload.signature\n");

            Assert.Equal("header.payload.signature", BenchCommand.DevToken(dir));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}

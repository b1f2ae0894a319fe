using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EcgBridge.Cli.Commands;
using EcgBridge.Host.Security;

namespace EcgBridge.Cli.Tests.Commands;

[Collection(CliRunner.CollectionName)]
public sealed class TokenCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ecgbridge-token-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Mints_an_HS256_token_with_the_requested_scopes_roles_and_lifetime_from_the_development_key()
    {
        byte[] key = DevelopmentKey.LoadOrCreate(_folder);

        CliResult result = await CliRunner.RunAsync(
            "token", "--data-dir", _folder, "--scope", "system/RiskAssessment.read", "--role", "auditor", "--lifetime", "30m", "--subject", "ward-3");

        Assert.Equal(0, result.ExitCode);
        string[] parts = result.Out.Trim().Split('.');
        Assert.Equal(3, parts.Length);
        Assert.Equal(Base64Url(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]))), parts[2]);
        using JsonDocument payload = JsonDocument.Parse(FromBase64Url(parts[1]));
        JsonElement claims = payload.RootElement;
        Assert.Equal("system/RiskAssessment.read", claims.GetProperty("scope").GetString());
        Assert.Equal("auditor", claims.GetProperty("roles")[0].GetString());
        Assert.Equal("ward-3", claims.GetProperty("sub").GetString());
        Assert.Equal("ecgbridge", claims.GetProperty("aud").GetString());
        Assert.Equal(1800, claims.GetProperty("exp").GetInt64() - claims.GetProperty("nbf").GetInt64());
    }

    [Fact]
    public async Task Defaults_to_every_scope_and_no_role()
    {
        DevelopmentKey.LoadOrCreate(_folder);

        CliResult result = await CliRunner.RunAsync("token", "--data-dir", _folder);

        using JsonDocument payload = JsonDocument.Parse(FromBase64Url(result.Out.Trim().Split('.')[1]));
        Assert.Equal(string.Join(' ', TokenIssuer.AllScopes), payload.RootElement.GetProperty("scope").GetString());
        Assert.False(payload.RootElement.TryGetProperty("roles", out _));
    }

    [Fact]
    public async Task Refuses_with_exit_2_when_the_data_dir_has_no_development_key()
    {
        CliResult result = await CliRunner.RunAsync("token", "--data-dir", _folder);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Out);
    }

    [Theory]
    [InlineData("0m")]
    [InlineData("31d")]
    [InlineData("12")]
    [InlineData("twelve hours")]
    public async Task Refuses_an_unusable_lifetime_with_exit_2(string lifetime)
    {
        DevelopmentKey.LoadOrCreate(_folder);

        CliResult result = await CliRunner.RunAsync("token", "--data-dir", _folder, "--lifetime", lifetime);

        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public void Simulate_takes_the_development_token_of_the_data_dir_unless_a_token_or_file_is_given()
    {
        DevelopmentKey.WritePrivateFile(Path.Combine(_folder, DevelopmentKey.TokenFileName), "dev.token.text\n");
        string other = Path.Combine(_folder, "other.txt");
        File.WriteAllText(other, "file.token.text\n");

        Assert.Equal("dev.token.text", SimulateCommand.ResolveToken(null, _folder));
        Assert.Equal("file.token.text", SimulateCommand.ResolveToken("@" + other, _folder));
        Assert.Equal("given", SimulateCommand.ResolveToken("given", _folder));
        Assert.Null(SimulateCommand.ResolveToken(null, Path.Combine(_folder, "none")));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        string padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '='));
    }
}

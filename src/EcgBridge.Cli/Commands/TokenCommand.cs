using System.CommandLine;
using System.Globalization;
using EcgBridge.Host.Security;

namespace EcgBridge.Cli.Commands;

/// <summary>
/// <c>ecgbridge token [--data-dir &lt;dir&gt;] [--scope …] [--role …] [--lifetime 12h]</c>: mints a bearer token signed with the
/// data dir's development key (made by <c>ecgbridge serve</c> when no signing key is configured) and prints it on stdout.
/// For local use and tests only: production tokens come from the identity provider.
/// </summary>
internal static class TokenCommand
{
    private static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(30);

    public static Command Create()
    {
        var dataDir = new Option<string?>("--data-dir") { Description = "Data directory holding dev-signing.key (default ./.ecgbridge)." };
        var scopes = new Option<string[]>("--scope")
        {
            Description = "SMART system scope(s), e.g. system/Observation.write; default: every scope the API checks.",
            AllowMultipleArgumentsPerToken = true,
        };
        var roles = new Option<string[]>("--role") { Description = "Role(s) in the roles claim, e.g. auditor for /compliance.", AllowMultipleArgumentsPerToken = true };
        var lifetime = new Option<string>("--lifetime") { Description = "Validity: <n>m, <n>h or <n>d (at most 30d).", DefaultValueFactory = _ => "12h" };
        var subject = new Option<string>("--subject") { Description = "sub and client_id of the token.", DefaultValueFactory = _ => "ecgbridge-cli" };
        var issuer = new Option<string>("--issuer") { Description = "iss (must match EcgBridge:Auth:Issuer).", DefaultValueFactory = _ => "ecgbridge" };
        var audience = new Option<string>("--audience") { Description = "aud (must match EcgBridge:Auth:Audience).", DefaultValueFactory = _ => "ecgbridge" };
        var command = new Command("token", "Mint a development bearer token from the data dir's development key (local use only).");
        foreach (Option option in new Option[] { dataDir, scopes, roles, lifetime, subject, issuer, audience })
        {
            command.Options.Add(option);
        }

        command.SetAction(parseResult =>
        {
            string directory = Path.GetFullPath(parseResult.GetValue(dataDir) ?? ".ecgbridge");
            if (!TryParseLifetime(parseResult.GetValue(lifetime)!, out TimeSpan validity))
            {
                Console.Error.WriteLine("error: --lifetime must be <n>m, <n>h or <n>d, between 1 minute and 30 days");
                return EcgBridgeCommand.ExitUsage;
            }

            if (!DevelopmentKey.TryLoad(directory, out byte[] key))
            {
                Console.Error.WriteLine($"error: no development key in {directory} (run `ecgbridge serve --data-dir {directory}` once without EcgBridge:Auth keys)");
                return EcgBridgeCommand.ExitUsage;
            }

            string[] requested = [.. (parseResult.GetValue(scopes) ?? []).SelectMany(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries))];
            string token = TokenIssuer.Create(
                key,
                parseResult.GetValue(issuer)!,
                parseResult.GetValue(audience)!,
                parseResult.GetValue(subject)!,
                requested.Length == 0 ? TokenIssuer.AllScopes : requested,
                parseResult.GetValue(roles) ?? [],
                validity);
            Console.Out.WriteLine(token);
            return EcgBridgeCommand.ExitOk;
        });
        return command;
    }

    internal static bool TryParseLifetime(string text, out TimeSpan lifetime)
    {
        lifetime = TimeSpan.Zero;
        if (text.Length < 2 || !int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out int amount))
        {
            return false;
        }

        lifetime = text[^1] switch
        {
            'm' => TimeSpan.FromMinutes(amount),
            'h' => TimeSpan.FromHours(amount),
            'd' => TimeSpan.FromDays(amount),
            _ => TimeSpan.Zero,
        };
        return lifetime >= TimeSpan.FromMinutes(1) && lifetime <= MaxLifetime;
    }
}

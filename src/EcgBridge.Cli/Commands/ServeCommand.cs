using System.CommandLine;
using EcgBridge.Host;
using EcgBridge.Host.Security;
using Microsoft.AspNetCore.Builder;

namespace EcgBridge.Cli.Commands;

/// <summary><c>ecgbridge serve [--data-dir &lt;dir&gt;]</c>: runs the middleware until Ctrl+C / SIGTERM.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var dataDir = new Option<string?>("--data-dir")
        {
            Description = "Folder for embedded state (SQLite audit, payload spool); default ./.ecgbridge",
        };
        var command = new Command("serve", "Run the service: MLLP on 127.0.0.1:2575, FHIR REST and health on http://127.0.0.1:8080");
        command.Options.Add(dataDir);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            string[] remaining = [.. parseResult.UnmatchedTokens];
            try
            {
                WebApplicationBuilder builder = EcgBridgeHost.CreateBuilder(remaining, parseResult.GetValue(dataDir));
                await using WebApplication app = EcgBridgeHost.Build(builder);
                // The command's token is cancelled on SIGTERM / Ctrl+C (System.CommandLine takes those signals): it must
                // reach the host, or the host never stops gracefully and the process is ended without its shutdown work.
                await Microsoft.Extensions.Hosting.HostingAbstractionsHostExtensions.RunAsync(app, cancellationToken).ConfigureAwait(false);
                return EcgBridgeCommand.ExitOk;
            }
            catch (MappingRefusedException e)
            {
                foreach (string line in e.Lines)
                {
                    await Console.Error.WriteLineAsync(line).ConfigureAwait(false);
                }

                return EcgBridgeCommand.ExitUsage;
            }
            catch (EcgBridge.Host.ConfigurationRefusedException e)
            {
                await Console.Error.WriteLineAsync("refused: " + e.Message).ConfigureAwait(false);
                return EcgBridgeCommand.ExitUsage;
            }
            catch (EcgBridge.Audit.AuditIntegrityException e)
            {
                await Console.Error.WriteLineAsync("refused: " + e.Message).ConfigureAwait(false);
                return EcgBridgeCommand.ExitUsage;
            }
            catch (EcgBridge.Inference.ModelLoadException e)
            {
                // A primary or shadow model that cannot be trusted or fed the primary's tensor: nothing starts.
                await Console.Error.WriteLineAsync($"refused: {e.Code} {e.Message}").ConfigureAwait(false);
                return EcgBridgeCommand.ExitUsage;
            }
            catch (StandInRefusedException e)
            {
                await Console.Error.WriteLineAsync("refused: " + e.Message).ConfigureAwait(false);
                return EcgBridgeCommand.ExitUsage;
            }
            catch (SecurityConfigurationException e)
            {
                // Keys, certificates: the message names the setting and the code, never a secret.
                await Console.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
                return EcgBridgeCommand.ExitUsage;
            }
        });
        return command;
    }
}

using System.CommandLine;

namespace EcgBridge.Cli;

/// <summary>The <c>ecgbridge</c> command tree. Exit codes: 0 ok, 2 usage, 3 rejected input, 4 audit chain broken.</summary>
internal static class EcgBridgeCommand
{
    public const int ExitOk = 0;
    public const int ExitUsage = 2;
    public const int ExitRejected = 3;
    public const int ExitChainBroken = 4;

    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("EcgBridge: ECG AI integration middleware (HL7 v2, FHIR R4, ONNX).");
        root.Subcommands.Add(Commands.NormalizeCommand.Create());
        root.Subcommands.Add(Commands.AckCommand.Create());
        root.Subcommands.Add(Commands.ScoreCommand.Create());
        root.Subcommands.Add(Commands.AuditCommand.Create());
        root.Subcommands.Add(Commands.SimulateCommand.Create());
        root.Subcommands.Add(Commands.ServeCommand.Create());
        root.Subcommands.Add(Commands.TokenCommand.Create());
        root.Subcommands.Add(Commands.BenchCommand.Create());
        root.Subcommands.Add(Commands.ReplayCommand.Create());
        root.Subcommands.Add(Commands.ModelsCommand.Create());
        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (System.CommandLine.Parsing.ParseError error in parsed.Errors)
            {
                await Console.Error.WriteLineAsync(error.Message).ConfigureAwait(false);
            }

            return ExitUsage;
        }

        // SIGTERM / Ctrl+C cancel the command's token; System.CommandLine would then end the process after 2 s, cutting a
        // serve's graceful stop short (found in the fault run: no shutdown checkpoint was ever written). The host's own
        // shutdown timeout (30 s) governs instead; this is only the backstop.
        var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(40) };
        return await parsed.InvokeAsync(invocation).ConfigureAwait(false);
    }
}

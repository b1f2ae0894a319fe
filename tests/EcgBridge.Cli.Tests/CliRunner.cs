namespace EcgBridge.Cli.Tests;

/// <summary>
/// Runs <c>ecgbridge</c> in-process with Console.Out/Error captured. Console is process-wide, so tests using this belong to
/// the <see cref="CollectionName"/> collection, which xunit runs alone.
/// </summary>
internal static class CliRunner
{
    public const string CollectionName = "Console";

    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static async Task<CliResult> RunAsync(params string[] args)
    {
        await Gate.WaitAsync();
        TextWriter originalOut = Console.Out;
        TextWriter originalError = Console.Error;
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        try
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
            int exitCode = await EcgBridgeCommand.RunAsync(args);
            return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(originalOut);
            Console.SetError(originalError);
            Gate.Release();
        }
    }
}

/// <summary>Tests that capture the console run one at a time.</summary>
[CollectionDefinition(CliRunner.CollectionName, DisableParallelization = true)]
public sealed class ConsoleCaptureDefinition;

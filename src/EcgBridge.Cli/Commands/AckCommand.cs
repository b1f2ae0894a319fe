using EcgBridge.Cli.Input;
using System.CommandLine;
using System.Text;
using EcgBridge.Core.Issues;
using EcgBridge.Core.Mapping;
using EcgBridge.Core.Normalization;
using EcgBridge.Hl7v2.Acknowledgments;
using EcgBridge.Hl7v2.Files;
using EcgBridge.Hl7v2.Waveforms;

namespace EcgBridge.Cli.Commands;

/// <summary>
/// <c>ecgbridge ack &lt;file.hl7&gt; [--mapping &lt;profile&gt;]</c>: prints the ACK EcgBridge would send for a message
/// (decode, normalize, quality gate; AA when accepted, AE/AR with ERR otherwise). Segments print one per line.
/// </summary>
internal static class AckCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "An HL7 v2 ORU^R01 message file (first message of a batch)." };
        var mapping = new Option<string?>("--mapping") { Description = "Mapping profile name or mappings/*.json file; default: selected by MSH-3/MSH-4/OBR-4." };
        var command = new Command("ack", "Print the HL7 ACK EcgBridge would send for a message (the message is not stored or scored).");
        command.Arguments.Add(input);
        command.Options.Add(mapping);
        command.SetAction(parseResult => Run(parseResult.GetValue(input)!, parseResult.GetValue(mapping)));
        return command;
    }

    internal static int Run(string inputPath, string? mappingProfile)
    {
        if (!File.Exists(inputPath))
        {
            Console.Error.WriteLine("error: input file not found");
            return EcgBridgeCommand.ExitUsage;
        }

        if (!MappingGate.Check())
        {
            return EcgBridgeCommand.ExitUsage;
        }

        var profileIssues = new IssueList();
        MappingProfileSet profiles = MappingProfileFiles.Resolve(mappingProfile, profileIssues, out string? explicitName);
        if (profileIssues.HasErrors)
        {
            foreach (Issue issue in profileIssues)
            {
                Console.Error.WriteLine($"refused: {issue.Code} {issue.Location}");
            }

            return EcgBridgeCommand.ExitUsage;
        }

        var issues = new IssueList();
        byte[] bytes = File.ReadAllBytes(inputPath);
        if (Hl7EcgDecoder.TryDecode(bytes, profiles, explicitName, EcgBridge.Hl7v2.Hl7ReaderOptions.Default, CliVendorFiles.Embedded, issues, out Hl7DecodeResult result))
        {
            EcgNormalizer.TryNormalize(result.Recording!, PreprocessingOptions.Default, out _, issues);
        }

        byte[] ack = Hl7AckBuilder.Build(result.Header, issues);
        Console.Out.Write(Encoding.UTF8.GetString(ack).Replace("\r", Environment.NewLine, StringComparison.Ordinal));
        foreach (Issue issue in issues)
        {
            if (issue.IsError)
            {
                Console.Error.WriteLine($"rejected: {issue.Code} {issue.Location}");
            }
        }

        return issues.HasErrors ? EcgBridgeCommand.ExitRejected : EcgBridgeCommand.ExitOk;
    }
}

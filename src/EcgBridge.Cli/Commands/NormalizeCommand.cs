using System.Buffers.Binary;
using System.CommandLine;
using System.Runtime.InteropServices;
using EcgBridge.Cli.Input;
using EcgBridge.Core;
using EcgBridge.Core.Issues;
using EcgBridge.Core.Normalization;

namespace EcgBridge.Cli.Commands;

/// <summary><c>ecgbridge normalize &lt;input&gt; --out &lt;file.f32&gt;</c>: writes the model tensor(s) as raw float32.</summary>
internal static class NormalizeCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("input")
        {
            Description = "ECG input: a WFDB .hea header (HL7 v2 and FHIR files are recognised by content).",
        };
        var output = new Option<string>("--out")
        {
            Description = "Output file: raw little-endian float32, 12 x 5000, lead-major (I II III aVR aVL aVF V1-V6); one block per ECG.",
            Required = true,
        };
        var mapping = new Option<string?>("--mapping")
        {
            Description = "Mapping profile of the sending feed (mappings/*.json); not used for WFDB.",
        };
        var command = new Command("normalize", "Decode an ECG and write the normalized 12 x 5000 model tensor (preprocessing v1).");
        command.Arguments.Add(input);
        command.Options.Add(output);
        command.Options.Add(mapping);
        command.SetAction(parseResult => Run(parseResult.GetValue(input)!, parseResult.GetValue(output)!, parseResult.GetValue(mapping)));
        return command;
    }

    internal static int Run(string inputPath, string outputPath, string? mappingProfile)
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

        var issues = new IssueList();
        if (!EcgInputReader.TryRead(inputPath, mappingProfile, issues, out IReadOnlyList<EcgRecording> recordings) || issues.HasErrors)
        {
            return Rejected(issues);
        }

        var tensors = new float[recordings.Count * EcgTensor.Length];
        for (int i = 0; i < recordings.Count; i++)
        {
            EcgNormalizer.TryNormalize(recordings[i], PreprocessingOptions.Default, tensors.AsSpan(i * EcgTensor.Length, EcgTensor.Length), issues);
        }

        if (issues.HasErrors)
        {
            return Rejected(issues);
        }

        WriteWarnings(issues);
        try
        {
            File.WriteAllBytes(outputPath, ToLittleEndianBytes(tensors));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine("error: cannot write the output file");
            return EcgBridgeCommand.ExitUsage;
        }

        Console.Out.WriteLine($"normalized {recordings.Count} ECG(s) to {outputPath} ({recordings.Count} x 12 x {EcgTensor.SampleCount} float32)");
        return EcgBridgeCommand.ExitOk;
    }

    private static int Rejected(IssueList issues)
    {
        foreach (Issue issue in issues)
        {
            Console.Error.WriteLine(issue.IsError ? $"rejected: {issue.Code} {issue.Location}" : $"warning: {issue.Code} {issue.Location}");
        }

        return EcgBridgeCommand.ExitRejected;
    }

    private static void WriteWarnings(IssueList issues)
    {
        foreach (Issue issue in issues)
        {
            Console.Error.WriteLine($"warning: {issue.Code} {issue.Location}");
        }
    }

    private static byte[] ToLittleEndianBytes(float[] values)
    {
        if (BitConverter.IsLittleEndian)
        {
            return MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
        }

        var bytes = new byte[values.Length * sizeof(float)];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), values[i]);
        }

        return bytes;
    }
}

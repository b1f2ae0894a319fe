using System.CommandLine;
using System.Globalization;
using EcgBridge.Cli.Input;
using EcgBridge.Core;
using EcgBridge.Core.Issues;
using EcgBridge.Core.Normalization;
using EcgBridge.Core.Scoring;
using EcgBridge.Inference;
using Spectre.Console;

namespace EcgBridge.Cli.Commands;

/// <summary>
/// <c>ecgbridge score &lt;file|dir&gt; [--model &lt;dir&gt;] [--out &lt;dir&gt;]</c>: decode, normalize, score with the ONNX
/// model, write a FHIR RiskAssessment (+ Provenance, + the model's Device) per ECG and print a table. No server needed.
/// </summary>
internal static class ScoreCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("input")
        {
            Description = "An ECG file (WFDB .hea; HL7 v2 and FHIR by content) or a directory of them (not recursive).",
        };
        var model = new Option<string?>("--model")
        {
            Description = $"Model folder (model.onnx + manifest.json). Default: {ModelDirectory.Default} beside the ecgbridge binary, else in the current directory or a parent.",
        };
        var output = new Option<string?>("--out")
        {
            Description = "Output folder for <input>.riskassessment.json, <input>.provenance.json and <model>.device.json. Default: the input's folder.",
        };
        var mapping = new Option<string?>("--mapping")
        {
            Description = "Mapping profile of the sending feed (mappings/*.json); not used for WFDB.",
        };
        var command = new Command("score", "Score ECGs with the ECG-SMART-NET model and write FHIR RiskAssessments.");
        command.Arguments.Add(input);
        command.Options.Add(model);
        command.Options.Add(output);
        command.Options.Add(mapping);
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetValue(input)!, parseResult.GetValue(model), parseResult.GetValue(output), parseResult.GetValue(mapping), cancellationToken));
        return command;
    }

    internal static async Task<int> RunAsync(string inputPath, string? modelDirectory, string? outputDirectory, string? mappingProfile, CancellationToken cancellationToken)
    {
        bool isDirectory = Directory.Exists(inputPath);
        if (!isDirectory && !File.Exists(inputPath))
        {
            await Console.Error.WriteLineAsync("error: input not found").ConfigureAwait(false);
            return EcgBridgeCommand.ExitUsage;
        }

        if (!MappingGate.Check())
        {
            return EcgBridgeCommand.ExitUsage;
        }

        string outDir = outputDirectory ?? (isDirectory ? inputPath : Path.GetDirectoryName(Path.GetFullPath(inputPath))!);
        try
        {
            Directory.CreateDirectory(outDir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync("error: cannot create the output folder").ConfigureAwait(false);
            return EcgBridgeCommand.ExitUsage;
        }

        ModelManifest manifest;
        OnnxEcgScorer scorer;
        try
        {
            manifest = ModelManifest.Load(ModelDirectory.Resolve(modelDirectory ?? ModelDirectory.Default));
            scorer = new OnnxEcgScorer(manifest, new InferenceOptions { ModelDirectory = manifest.Directory, MaxWaitMilliseconds = 2, WarmUp = false });
        }
        catch (ModelLoadException e)
        {
            // The message names files and hashes only; it tells the operator which model folder is wrong.
            await Console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return EcgBridgeCommand.ExitUsage;
        }

        await using (scorer.ConfigureAwait(false))
        {
            IReadOnlyList<string> inputs = ScoreInputs.Find(inputPath);
            IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
            if (Console.IsOutputRedirected)
            {
                // Redirected output has no width; keep one row per ECG so the table stays greppable.
                console.Profile.Width = 200;
            }

            var pending = new List<(string File, int Index, int Count, EcgRecording Recording, string Sha, Task<Prediction> Score)>();
            int rejectedFiles = 0;

            void DecodeAll(Action? advance)
            {
                foreach (string file in inputs)
                {
                    if (!Submit(file, manifest.Preprocessing, mappingProfile, scorer, pending, cancellationToken))
                    {
                        rejectedFiles++;
                    }

                    advance?.Invoke();
                }
            }

            if (isDirectory && console.Profile.Capabilities.Interactive && inputs.Count > 1)
            {
                await console.Progress().StartAsync(async context =>
                {
                    ProgressTask task = context.AddTask("decode + normalize", maxValue: inputs.Count);
                    DecodeAll(() => task.Increment(1));
                    ProgressTask scoring = context.AddTask("score", maxValue: Math.Max(1, pending.Count));
                    foreach (var item in pending)
                    {
                        await ((Task)item.Score).ConfigureAwait(false);
                        scoring.Increment(1);
                    }
                }).ConfigureAwait(false);
            }
            else
            {
                DecodeAll(null);
            }

            var results = new List<ScoreResult>(pending.Count);
            foreach (var item in pending)
            {
                Prediction prediction = await item.Score.ConfigureAwait(false);
                results.Add(new ScoreResult(item.File, item.Index, item.Count, item.Recording, item.Sha, prediction));
            }

            string deviceReference = ScoreOutputWriter.WriteDevice(manifest, outDir);
            foreach (ScoreResult result in results)
            {
                ScoreOutputWriter.Write(result, manifest, deviceReference, outDir);
            }

            console.Write(BuildTable(results, manifest));
            if (manifest.NotForClinicalUse)
            {
                console.WriteLine("Model marked not for clinical use: these scores are for testing the integration only.");
            }

            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"scored {results.Count} ECG(s) from {inputs.Count - rejectedFiles} of {inputs.Count} file(s); outputs in {outDir}"));
            return rejectedFiles > 0 ? EcgBridgeCommand.ExitRejected : EcgBridgeCommand.ExitOk;
        }
    }

    /// <summary>Decodes and normalizes one file and queues its ECGs on the scorer; false (with stderr lines) when rejected.</summary>
    private static bool Submit(
        string file,
        PreprocessingOptions preprocessing,
        string? mappingProfile,
        OnnxEcgScorer scorer,
        List<(string File, int Index, int Count, EcgRecording Recording, string Sha, Task<Prediction> Score)> pending,
        CancellationToken cancellationToken)
    {
        var issues = new IssueList();
        string name = Path.GetFileName(file);
        if (!EcgInputReader.TryRead(file, mappingProfile, issues, out IReadOnlyList<EcgRecording> recordings) || issues.HasErrors)
        {
            Report(name, issues);
            return false;
        }

        var tensors = new EcgTensor[recordings.Count];
        for (int i = 0; i < recordings.Count; i++)
        {
            EcgNormalizer.TryNormalize(recordings[i], preprocessing, out EcgTensor? tensor, issues);
            tensors[i] = tensor!;
        }

        Report(name, issues);
        if (issues.HasErrors)
        {
            return false;
        }

        for (int i = 0; i < recordings.Count; i++)
        {
            pending.Add((file, i, recordings.Count, recordings[i], tensors[i].Sha256Hex(), scorer.ScoreAsync(tensors[i], cancellationToken).AsTask()));
        }

        return true;
    }

    private static void Report(string name, IssueList issues)
    {
        foreach (Issue issue in issues)
        {
            Console.Error.WriteLine(issue.IsError ? $"rejected: {name} {issue.Code} {issue.Location}" : $"warning: {name} {issue.Code} {issue.Location}");
        }
    }

    private static Table BuildTable(List<ScoreResult> results, ModelManifest manifest)
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumns("File", "Patient", "Probability", "Risk", "Positive", "Model", "Batch", "Time ms");
        foreach (ScoreResult result in results)
        {
            Prediction p = result.Prediction;
            table.AddRow(
                Markup.Escape(result.OutputStem),
                Markup.Escape(result.MaskedPatientId),
                p.Probability.ToString("0.0000", CultureInfo.InvariantCulture),
                RiskThresholds.Code(p.Risk),
                p.Positive ? "yes" : "no",
                Markup.Escape($"{manifest.Name} {manifest.Version}"),
                p.BatchSize.ToString(CultureInfo.InvariantCulture),
                p.InferenceMilliseconds.ToString("0", CultureInfo.InvariantCulture));
        }

        return table;
    }
}

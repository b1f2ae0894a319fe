using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EcgBridge.Compliance;
using EcgBridge.Core.Issues;
using EcgBridge.Inference;
using Spectre.Console;

namespace EcgBridge.Cli.Commands;

/// <summary>
/// <c>ecgbridge models list|verify [--models-dir &lt;dir&gt;] [name...]</c>: the model registry (each folder's name,
/// version, SHA-256, preprocessing; verify re-hashes model.onnx against the manifest and opens it with ONNX Runtime,
/// exit 0 all good, 3 any refused). <c>ecgbridge models compare [--data-dir|--postgres] [--from] [--to] [--source]
/// [--json FILE]</c>: primary vs each shadow model over the audit rows (agreement of the qualitative risk, |Δp|, ρ).
/// </summary>
internal static class ModelsCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Create()
    {
        var modelsDir = new Option<string?>("--models-dir") { Description = "Model registry folder (default: models beside the application, or a checkout's)." };
        var names = new Argument<string[]>("name") { Description = "Model folders to verify (default: all).", Arity = ArgumentArity.ZeroOrMore };

        var list = new Command("list", "List the model folders of the registry: name, version, SHA-256 (manifest), preprocessing.");
        list.Options.Add(modelsDir);
        list.SetAction(parseResult => List(parseResult.GetValue(modelsDir)));

        var verify = new Command("verify", "Re-hash each model.onnx against its manifest and open it with ONNX Runtime; exit 3 when any is refused.");
        verify.Options.Add(modelsDir);
        verify.Arguments.Add(names);
        verify.SetAction(parseResult => Verify(parseResult.GetValue(modelsDir), parseResult.GetValue(names) ?? []));

        var options = new AuditSearchOptions();
        var json = new Option<string?>("--json") { Description = "Also write the comparison as JSON to this file." };
        var compare = new Command("compare", "Primary vs each shadow model over recorded results: n, agreement (confusion table), mean/max |Δp|, Spearman ρ.");
        options.AddTo(compare);
        compare.Options.Add(json);
        compare.SetAction((parseResult, cancellationToken) => CompareAsync(options, parseResult, parseResult.GetValue(json), cancellationToken));

        var command = new Command("models", "The model registry: list, verify, compare shadow models with the primary.");
        command.Subcommands.Add(list);
        command.Subcommands.Add(verify);
        command.Subcommands.Add(compare);
        return command;
    }

    private static IEnumerable<string> Folders(string registry, string[] only) =>
        Directory.EnumerateDirectories(registry)
            .Where(d => File.Exists(Path.Combine(d, ModelManifest.FileName)))
            .Where(d => only.Length == 0 || only.Contains(Path.GetFileName(d)))
            .Order(StringComparer.Ordinal);

    private static int List(string? modelsDir)
    {
        string registry = ModelDirectory.ResolveRegistry(modelsDir ?? "models");
        if (!Directory.Exists(registry))
        {
            System.Console.Error.WriteLine($"error: no model registry at {registry}");
            return EcgBridgeCommand.ExitUsage;
        }

        var table = new Table().AddColumns("folder", "name", "version", "sha256", "preprocessing", "clinical use");
        foreach (string folder in Folders(registry, []))
        {
            try
            {
                ModelManifest manifest = ModelManifest.Load(folder);
                table.AddRow(Markup.Escape(Path.GetFileName(folder)), Markup.Escape(manifest.Name), Markup.Escape(manifest.Version), manifest.Sha256, Markup.Escape(manifest.Preprocessing.Version), manifest.NotForClinicalUse ? "no" : "yes");
            }
            catch (ModelLoadException e)
            {
                table.AddRow(Markup.Escape(Path.GetFileName(folder)), "[red]" + Markup.Escape(e.Code) + "[/]", "", "", "", "");
            }
        }

        Show(table);
        return EcgBridgeCommand.ExitOk;
    }

    private static int Verify(string? modelsDir, string[] names)
    {
        string registry = ModelDirectory.ResolveRegistry(modelsDir ?? "models");
        var table = new Table().AddColumns("folder", "result", "detail");
        bool allGood = true;
        int seen = 0;
        foreach (string folder in Folders(registry, names))
        {
            seen++;
            try
            {
                ModelManifest manifest = ModelManifest.Load(folder);
                using var scorer = new OnnxEcgScorer(manifest, new InferenceOptions { ModelDirectory = folder, WarmUp = false });
                table.AddRow(Markup.Escape(Path.GetFileName(folder)), "[green]verified[/]", Markup.Escape($"{manifest.Name} {manifest.Version} sha256:{manifest.Sha256}"));
            }
            catch (ModelLoadException e)
            {
                allGood = false;
                table.AddRow(Markup.Escape(Path.GetFileName(folder)), "[red]refused[/]", Markup.Escape(e.Code + " " + e.Message));
            }
        }

        Show(table);
        if (seen < Math.Max(1, names.Length))
        {
            System.Console.Error.WriteLine($"error: no such model folder under {registry}");
            return EcgBridgeCommand.ExitUsage;
        }

        return allGood ? EcgBridgeCommand.ExitOk : EcgBridgeCommand.ExitRejected;
    }

    private static async Task<int> CompareAsync(AuditSearchOptions options, ParseResult parseResult, string? jsonPath, CancellationToken cancellationToken)
    {
        var issues = new IssueList();
        bool parsed = ComplianceFilterParser.TryParse(options.Parameters(parseResult), int.MaxValue, issues, out ComplianceFilter? filter);
        if (await options.OpenAsync(parseResult, parsed && filter!.PatientId is not null, cancellationToken).ConfigureAwait(false) is not { } audit)
        {
            return EcgBridgeCommand.ExitUsage;
        }

        if (!parsed)
        {
            await AuditSearchOptions.ReportRefusedAsync(issues).ConfigureAwait(false);
            return EcgBridgeCommand.ExitUsage;
        }

        ModelComparisonReport report = await ModelComparisonReport.BuildAsync(audit.Store, audit.Store, filter!, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<ShadowComparisonResult> results = report.Comparisons;
        string? patientHash = audit.Hasher.Hash(filter!.PatientId);
        if (!await AuditExportCommand.LogAccessAsync(audit, "models compare", filter.Describe(patientHash), patientHash, report.Count, null, cancellationToken).ConfigureAwait(false))
        {
            return EcgBridgeCommand.ExitUsage;
        }

        if (jsonPath is not null)
        {
            await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(new { comparisons = results, outcomes = report.Outcomes, histograms = report.Histograms }, Indented), cancellationToken).ConfigureAwait(false);
        }

        if (results.Count == 0)
        {
            System.Console.WriteLine("no shadow scores in the range");
        }

        foreach (ShadowComparisonResult result in results)
        {
            var summary = new Table().AddColumns("primary", "shadow", "n", "agreement", "mean |Δp|", "max |Δp|", "Spearman ρ");
            summary.AddRow(
                Markup.Escape(result.Primary),
                Markup.Escape(result.Shadow),
                result.Count.ToString(CultureInfo.InvariantCulture),
                result.Agreement.ToString("P1", CultureInfo.InvariantCulture),
                result.MeanAbsoluteDifference.ToString("F4", CultureInfo.InvariantCulture),
                result.MaxAbsoluteDifference.ToString("F4", CultureInfo.InvariantCulture),
                result.Spearman?.ToString("F4", CultureInfo.InvariantCulture) ?? "n/a");
            Show(summary);
            var confusion = new Table().AddColumn("primary \\ shadow");
            foreach (Core.Scoring.RiskLevel level in ShadowComparison.Levels)
            {
                confusion.AddColumn(level.ToString().ToLowerInvariant());
            }

            for (int i = 0; i < ShadowComparison.Levels.Count; i++)
            {
                confusion.AddRow([ShadowComparison.Levels[i].ToString().ToLowerInvariant(), .. result.Confusion[i].Select(c => c.ToString(CultureInfo.InvariantCulture))]);
            }

            Show(confusion);
        }

        ShowOutcomes(report.Outcomes);
        return EcgBridgeCommand.ExitOk;
    }

    private static void ShowOutcomes(IReadOnlyList<ModelOutcomeResult> outcomes)
    {
        if (outcomes.Count == 0)
        {
            System.Console.WriteLine("no outcome feedback for ECGs in the range");
            return;
        }

        var table = new Table().AddColumns("model", "n with outcome", "OMI", "AUC [[95 % CI]]", "Brier [[95 % CI]]", "accepted", "overridden");
        foreach (ModelOutcomeResult m in outcomes)
        {
            table.AddRow(
                Markup.Escape(m.Model),
                m.Count.ToString(CultureInfo.InvariantCulture),
                m.Positives.ToString(CultureInfo.InvariantCulture),
                m.Auc is { } auc ? Interval(auc) : "n/a",
                m.Count == 0 ? "n/a" : Interval(m.Brier),
                m.Accepted.ToString(CultureInfo.InvariantCulture),
                m.Overridden.ToString(CultureInfo.InvariantCulture));
        }

        Show(table);
        foreach (ModelOutcomeResult m in outcomes.Where(m => m.Count > 0))
        {
            var reliability = new Table().AddColumns("reliability: " + Markup.Escape(m.Model), "n", "mean p", "observed OMI rate");
            foreach (ReliabilityBin bin in m.Reliability.Where(b => b.Count > 0))
            {
                reliability.AddRow(
                    string.Create(CultureInfo.InvariantCulture, $"{bin.Low:F1}–{bin.High:F1}"),
                    bin.Count.ToString(CultureInfo.InvariantCulture),
                    bin.MeanPredicted?.ToString("F3", CultureInfo.InvariantCulture) ?? "",
                    bin.ObservedRate?.ToString("F3", CultureInfo.InvariantCulture) ?? "");
            }

            Show(reliability);
        }
    }

    private static string Interval(Estimate e) => Markup.Escape(e.Format());

    private static void Show(Table table)
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(System.Console.Out) });
        if (System.Console.IsOutputRedirected)
        {
            console.Profile.Width = 200;
        }

        console.Write(table);
    }
}

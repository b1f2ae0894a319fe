using System.CommandLine;
using System.Globalization;
using EcgBridge.Core.Audit;
using EcgBridge.Core.Issues;
using EcgBridge.Core.Scoring;
using EcgBridge.Compliance;
using Spectre.Console;

namespace EcgBridge.Cli.Commands;

/// <summary>
/// <c>ecgbridge audit search [--data-dir|--postgres] [filters] [--skip] [--take]</c>: one page of audit rows as a table,
/// the patient shown only as a hash prefix. Every search (refused ones too) is recorded in the access log as a BALP
/// Query AuditEvent before anything is shown. Exit 0, or 2 for refused filters and missing database or key.
/// </summary>
internal static class AuditSearchCommand
{
    /// <summary>Rows per page when <c>--take</c> is not given.</summary>
    public const int DefaultTake = 50;

    public static Command Create()
    {
        var options = new AuditSearchOptions();
        var command = new Command("search", "Search audit rows (patient shown masked); the search itself is recorded in the access log.");
        options.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => RunAsync(options, parseResult, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(AuditSearchOptions options, ParseResult parseResult, CancellationToken cancellationToken)
    {
        List<KeyValuePair<string, string?>> parameters = options.Parameters(parseResult);
        var issues = new IssueList();
        bool parsed = ComplianceFilterParser.TryParse(parameters, ComplianceFilterParser.MaxSearchTake, issues, out ComplianceFilter? filter);
        bool patientFilter = parsed && filter!.PatientId is not null;
        if (await options.OpenAsync(parseResult, patientFilter, cancellationToken).ConfigureAwait(false) is not { } audit)
        {
            return EcgBridgeCommand.ExitUsage;
        }

        if (!parsed)
        {
            await AuditExportCommand.LogAccessAsync(audit, "audit search", "refused", null, null, issues[0].Code, cancellationToken).ConfigureAwait(false);
            await AuditSearchOptions.ReportRefusedAsync(issues).ConfigureAwait(false);
            return EcgBridgeCommand.ExitUsage;
        }

        filter = filter! with { Take = filter.Take ?? DefaultTake };
        string? patientHash = audit.Hasher.Hash(filter.PatientId);
        AuditPage page = await ComplianceSearch.SearchAsync(audit.Store, filter, cancellationToken).ConfigureAwait(false);

        // Recorded before anything is shown: a read that cannot be logged shows nothing.
        if (!await AuditExportCommand.LogAccessAsync(audit, "audit search", filter.Describe(patientHash), patientHash, page.Items.Count, null, cancellationToken).ConfigureAwait(false))
        {
            return EcgBridgeCommand.ExitUsage;
        }

        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        if (Console.IsOutputRedirected)
        {
            console.Profile.Width = 220;
        }

        console.Write(BuildTable(page.Items));
        int first = page.Items.Count == 0 ? 0 : filter.Skip + 1;
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rows {first}-{filter.Skip + page.Items.Count} of {page.Total}"));
        return EcgBridgeCommand.ExitOk;
    }

    private static Table BuildTable(IReadOnlyList<AuditEntry> items)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (string column in (string[])["seq", "received (UTC)", "outcome", "source", "message", "patient", "model", "probability", "risk", "errors"])
        {
            table.AddColumn(column);
        }

        foreach (AuditEntry entry in items)
        {
            // Text, not markup: stored values (source system, message ids) may contain '[' and must be shown as is.
            string?[] cells =
            [
                entry.Sequence.ToString(CultureInfo.InvariantCulture),
                entry.ReceivedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                ComplianceNames.Of(entry.Outcome),
                entry.SourceSystem,
                entry.MessageId,
                ComplianceNames.MaskPatientHash(entry.PatientIdHash),
                entry.ModelName is null ? null : $"{entry.ModelName} {entry.ModelVersion}",
                entry.Probability?.ToString("0.000", CultureInfo.InvariantCulture),
                entry.Risk is { } risk ? RiskThresholds.Code(risk) : null,
                entry.ErrorCodes.Count == 0 ? null : string.Join(' ', entry.ErrorCodes),
            ];
            table.AddRow(Array.ConvertAll(cells, c => (Spectre.Console.Rendering.IRenderable)new Text(c ?? "")));
        }

        return table;
    }
}

using System.CommandLine;
using System.Text;
using EcgBridge.Core.Audit;
using EcgBridge.Core.Issues;
using EcgBridge.Compliance;
using Hl7.Fhir.Model;

namespace EcgBridge.Cli.Commands;

/// <summary>
/// <c>ecgbridge audit export --format csv|auditevent|auditevent-bundle [filters] --out &lt;file&gt;</c>: every matching
/// audit row as CSV, as NDJSON AuditEvents (one per line) or as one collection Bundle. The file appears only after the
/// export is recorded in the access log. Exit 0, or 2 for refused filters, a missing database or key, or an unwritable log.
/// </summary>
internal static class AuditExportCommand
{
    public const string Csv = "csv";
    public const string AuditEventNdjson = "auditevent";
    public const string AuditEventBundle = "auditevent-bundle";

    public static Command Create()
    {
        var options = new AuditSearchOptions();
        var format = new Option<string>("--format")
        {
            Description = "csv, auditevent (NDJSON, one FHIR AuditEvent per line) or auditevent-bundle (one collection Bundle).",
            Required = true,
        };
        format.AcceptOnlyFromAmong(Csv, AuditEventNdjson, AuditEventBundle);
        var output = new Option<string>("--out") { Description = "File to write (replaced if it exists).", Required = true };
        var command = new Command("export", "Export audit rows as CSV or FHIR AuditEvents; the export itself is recorded in the access log.");
        command.Options.Add(format);
        command.Options.Add(output);
        options.AddTo(command);
        command.SetAction((parseResult, cancellationToken) =>
            RunAsync(options, parseResult.GetValue(format)!, parseResult.GetValue(output)!, parseResult, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(AuditSearchOptions options, string format, string output, ParseResult parseResult, CancellationToken cancellationToken)
    {
        string interaction = "audit export " + format;
        var issues = new IssueList();
        bool parsed = ComplianceFilterParser.TryParse(options.Parameters(parseResult), int.MaxValue, issues, out ComplianceFilter? filter);
        if (await options.OpenAsync(parseResult, parsed && filter!.PatientId is not null, cancellationToken).ConfigureAwait(false) is not { } audit)
        {
            return EcgBridgeCommand.ExitUsage;
        }

        if (!parsed)
        {
            await LogAccessAsync(audit, interaction, "refused", null, null, issues[0].Code, cancellationToken).ConfigureAwait(false);
            await AuditSearchOptions.ReportRefusedAsync(issues).ConfigureAwait(false);
            return EcgBridgeCommand.ExitUsage;
        }

        string? patientHash = audit.Hasher.Hash(filter!.PatientId);
        string target = Path.GetFullPath(output);
        string partial = target + ".partial";
        long count;
        try
        {
            count = await WriteAsync(audit.Store, filter, format, partial, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(partial);
            await Console.Error.WriteLineAsync($"error: cannot write {target} ({e.GetType().Name})").ConfigureAwait(false);
            return EcgBridgeCommand.ExitUsage;
        }

        if (!await LogAccessAsync(audit, interaction, filter.Describe(patientHash), patientHash, count, null, cancellationToken).ConfigureAwait(false))
        {
            File.Delete(partial);
            return EcgBridgeCommand.ExitUsage;
        }

        File.Move(partial, target, overwrite: true);
        await Console.Out.WriteLineAsync($"exported {count} rows to {target}").ConfigureAwait(false);
        return EcgBridgeCommand.ExitOk;
    }

    private static async Task<long> WriteAsync(IAuditStore store, ComplianceFilter filter, string format, string path, CancellationToken cancellationToken)
    {
        long count;
        var streamOptions = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // The export holds pseudonymised audit data: readable by its owner only.
            streamOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var stream = new FileStream(path, streamOptions);
        await using (stream.ConfigureAwait(false))
        {
            var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            await using (writer.ConfigureAwait(false))
            {
                AuditExportFormat exportFormat = format switch
                {
                    Csv => AuditExportFormat.Csv,
                    AuditEventBundle => AuditExportFormat.AuditEventBundle,
                    _ => AuditExportFormat.AuditEventNdjson,
                };
                count = await AuditExport.WriteAsync(writer, store, filter, exportFormat, cancellationToken).ConfigureAwait(false);
            }
        }

        return count;
    }

    /// <summary>
    /// Appends the BALP Query AuditEvent of one read to the access log. False (after a line on stderr) when the log
    /// cannot be written: the caller then shows and writes nothing.
    /// </summary>
    internal static async Task<bool> LogAccessAsync(
        OpenedAudit audit,
        string interaction,
        string queryText,
        string? patientHash,
        long? resultCount,
        string? failureCode,
        CancellationToken cancellationToken)
    {
        AuditEvent auditEvent = AuditEventBuilder.ForQuery(new AuditQueryAccess
        {
            Recorded = DateTimeOffset.UtcNow,
            Accessor = AuditSearchOptions.Accessor,
            Application = "ecgbridge-cli",
            Interaction = interaction,
            QueryText = queryText,
            PatientIdHash = patientHash,
            ResultCount = resultCount,
            FailureCode = failureCode,
        });
        try
        {
            await AccessLogFile.AppendAsync(audit.AccessLogPath, auditEvent, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"error: cannot write the access log {audit.AccessLogPath} ({e.GetType().Name}); nothing was shown").ConfigureAwait(false);
            return false;
        }
    }
}

using EcgBridge.Compliance;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace EcgBridge.Cli.Tests.Compliance;

[Collection(CliRunner.CollectionName)]
public sealed class AuditExportCommandTests : IAsyncLifetime
{
    private AuditSeed _seed = null!;

    private string Out => Path.Combine(_seed.DataDir, "export");

    public async System.Threading.Tasks.Task InitializeAsync()
    {
        _seed = await AuditSeed.CreateAsync();
        await _seed.FillAsync();
    }

    public async System.Threading.Tasks.Task DisposeAsync() => await _seed.DisposeAsync();

    [Fact]
    public async System.Threading.Tasks.Task Csv_export_has_the_header_and_one_line_per_row()
    {
        CliResult result = await CliRunner.RunAsync("audit", "export", "--format", "csv", "--data-dir", _seed.DataDir, "--out", Out);

        Assert.Equal(0, result.ExitCode);
        string text = await File.ReadAllTextAsync(Out);
        string[] lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(AuditCsv.Header().TrimEnd(), lines[0]);
        Assert.Equal(9, lines.Length);
        Assert.DoesNotContain("MRN-PLAIN", text, StringComparison.Ordinal);
        Assert.Contains(_seed.Hasher.Hash(AuditSeed.PatientA)!, text, StringComparison.Ordinal);
        Assert.False(File.Exists(Out + ".partial"));
    }

    [Fact]
    public async System.Threading.Tasks.Task Csv_export_defuses_a_formula_stored_as_source_system()
    {
        await CliRunner.RunAsync("audit", "export", "--format", "csv", "--data-dir", _seed.DataDir, "--outcome", "rejected", "--out", Out);

        string row = File.ReadAllLines(Out)[1];
        Assert.Contains(",'=cmd|' /C calc'!A0,", row, StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task AuditEvent_export_writes_one_strictly_valid_event_per_row()
    {
        CliResult result = await CliRunner.RunAsync("audit", "export", "--format", "auditevent", "--data-dir", _seed.DataDir, "--outcome", "scored", "--out", Out);

        Assert.Equal(0, result.ExitCode);
        string[] lines = await File.ReadAllLinesAsync(Out);
        Assert.Equal(3, lines.Length);
        foreach (string line in lines)
        {
            var auditEvent = (AuditEvent)FhirJsonDeserializer.STRICT.DeserializeResource(line);
            Assert.Equal(AuditEvent.AuditEventAction.C, auditEvent.Action);
            Assert.StartsWith("RiskAssessment/ra-m", auditEvent.Entity[0].What!.Reference, StringComparison.Ordinal);
            Assert.DoesNotContain("MRN-PLAIN", line, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async System.Threading.Tasks.Task Bundle_export_is_one_collection_bundle()
    {
        CliResult result = await CliRunner.RunAsync(
            "audit", "export", "--format", "auditevent-bundle", "--data-dir", _seed.DataDir, "--patient", AuditSeed.PatientB, "--out", Out);

        Assert.Equal(0, result.ExitCode);
        var bundle = (Bundle)FhirJsonDeserializer.STRICT.DeserializeResource(await File.ReadAllTextAsync(Out));
        Assert.Equal(Bundle.BundleType.Collection, bundle.Type);
        Assert.Equal(3, bundle.Entry.Count);
    }

    [Fact]
    public async System.Threading.Tasks.Task Export_is_recorded_in_the_access_log_with_its_row_count()
    {
        await CliRunner.RunAsync("audit", "export", "--format", "csv", "--data-dir", _seed.DataDir, "--risk", "high", "--out", Out);

        var auditEvent = (AuditEvent)FhirJsonDeserializer.STRICT.DeserializeResource(Assert.Single(File.ReadAllLines(_seed.AccessLog)));
        AuditEvent.EntityComponent query = auditEvent.Entity.Single(e => e.Role!.Code == "24");
        Assert.Equal("audit export csv", query.Description);
        Assert.Contains(query.Detail, d => d.Type == "resultCount" && ((FhirString)d.Value).Value == "2");
    }

    [Fact]
    public async System.Threading.Tasks.Task Refused_filter_writes_no_file()
    {
        CliResult result = await CliRunner.RunAsync("audit", "export", "--format", "csv", "--data-dir", _seed.DataDir, "--patient", "\" OR \"\"=\"", "--out", Out);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"refused: {ComplianceCodes.FilterCharacters} --patient", result.ErrorLines[0]);
        Assert.False(File.Exists(Out));
    }

    [Fact]
    public async System.Threading.Tasks.Task Unknown_format_is_a_usage_error()
    {
        CliResult result = await CliRunner.RunAsync("audit", "export", "--format", "xlsx", "--data-dir", _seed.DataDir, "--out", Out);

        Assert.Equal(2, result.ExitCode);
        Assert.False(File.Exists(Out));
    }
}

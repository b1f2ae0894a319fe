using EcgBridge.Compliance;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace EcgBridge.Cli.Tests.Compliance;

[Collection(CliRunner.CollectionName)]
public sealed class AuditSearchCommandTests : IAsyncLifetime
{
    private AuditSeed _seed = null!;

    public async System.Threading.Tasks.Task InitializeAsync()
    {
        _seed = await AuditSeed.CreateAsync();
        await _seed.FillAsync();
    }

    public async System.Threading.Tasks.Task DisposeAsync() => await _seed.DisposeAsync();

    [Fact]
    public async System.Threading.Tasks.Task Lists_rows_with_the_patient_masked_to_a_hash_prefix()
    {
        CliResult result = await CliRunner.RunAsync("audit", "search", "--data-dir", _seed.DataDir);

        Assert.Equal(0, result.ExitCode);
        string hashA = _seed.Hasher.Hash(AuditSeed.PatientA)!;
        Assert.Contains(hashA[..8] + "…", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(hashA, result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("MRN-PLAIN", result.Out, StringComparison.Ordinal);
        Assert.EndsWith("rows 1-8 of 8", result.Out.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task Patient_filter_finds_that_patients_rows_only()
    {
        CliResult result = await CliRunner.RunAsync("audit", "search", "--data-dir", _seed.DataDir, "--patient", AuditSeed.PatientA, "--outcome", "scored");

        Assert.Equal(0, result.ExitCode);
        Assert.EndsWith("rows 1-2 of 2", result.Out.TrimEnd(), StringComparison.Ordinal);
        Assert.Contains(" m1 ", result.Out, StringComparison.Ordinal);
        Assert.Contains(" m3 ", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task Model_version_and_risk_filters_combine()
    {
        CliResult result = await CliRunner.RunAsync("audit", "search", "--data-dir", _seed.DataDir, "--model-version", "1.0.0", "--risk", "high");

        Assert.Equal(0, result.ExitCode);
        Assert.EndsWith("rows 1-1 of 1", result.Out.TrimEnd(), StringComparison.Ordinal);
        Assert.Contains(" m1 ", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task Time_range_and_paging_select_a_window()
    {
        CliResult result = await CliRunner.RunAsync(
            "audit", "search", "--data-dir", _seed.DataDir, "--from", "2026-11-20T08:30:00Z", "--to", "2026-11-23", "--skip", "1", "--take", "2");

        Assert.Equal(0, result.ExitCode);
        Assert.EndsWith("rows 2-3 of 5", result.Out.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task Every_search_is_recorded_as_a_query_audit_event_with_the_patient_hashed()
    {
        await CliRunner.RunAsync("audit", "search", "--data-dir", _seed.DataDir, "--patient", AuditSeed.PatientB);

        string line = Assert.Single(File.ReadAllLines(_seed.AccessLog));
        Assert.DoesNotContain("MRN-PLAIN", line, StringComparison.Ordinal);
        var auditEvent = (AuditEvent)FhirJsonDeserializer.STRICT.DeserializeResource(line);
        Assert.Equal("search-type", auditEvent.Subtype[0].Code);
        Assert.Equal(AuditEvent.AuditEventOutcome.N0, auditEvent.Outcome);
        Assert.Contains(auditEvent.Entity, e => e.Role!.Code == "1" && e.What!.Identifier!.Value == _seed.Hasher.Hash(AuditSeed.PatientB));
        AuditEvent.EntityComponent query = auditEvent.Entity.Single(e => e.Role!.Code == "24");
        Assert.Contains(query.Detail, d => d.Type == "resultCount" && ((FhirString)d.Value).Value == "3");
    }

    [Theory]
    [InlineData("--patient", "1' OR '1'='1", ComplianceCodes.FilterCharacters)]
    [InlineData("--source", "x'; DROP TABLE audit; --", ComplianceCodes.FilterCharacters)]
    [InlineData("--model-version", "1.0.0/**/UNION/**/SELECT", ComplianceCodes.FilterCharacters)]
    [InlineData("--outcome", "scored' OR 1=1", ComplianceCodes.FilterValueInvalid)]
    [InlineData("--take", "100000", ComplianceCodes.PageOutOfRange)]
    public async System.Threading.Tasks.Task Refuses_injection_shaped_values_with_exit_2_without_echoing_them(string option, string value, string code)
    {
        CliResult result = await CliRunner.RunAsync("audit", "search", "--data-dir", _seed.DataDir, option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"refused: {code} {option}", result.ErrorLines[0]);
        Assert.DoesNotContain(value, result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async System.Threading.Tasks.Task Refuses_an_oversized_value_and_records_the_refusal()
    {
        CliResult result = await CliRunner.RunAsync("audit", "search", "--data-dir", _seed.DataDir, "--source", new string('A', 5000));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"refused: {ComplianceCodes.FilterTooLong} --source", result.ErrorLines[0]);
        var auditEvent = (AuditEvent)FhirJsonDeserializer.STRICT.DeserializeResource(Assert.Single(File.ReadAllLines(_seed.AccessLog)));
        Assert.Equal(AuditEvent.AuditEventOutcome.N4, auditEvent.Outcome);
        Assert.Equal(ComplianceCodes.FilterTooLong, auditEvent.OutcomeDesc);
    }

    [Fact]
    public async System.Threading.Tasks.Task Stored_text_that_looks_like_markup_is_printed_as_is()
    {
        CliResult result = await CliRunner.RunAsync("audit", "search", "--data-dir", _seed.DataDir, "--outcome", "rejected");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("=cmd|' /C calc'!A0", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task Missing_database_exits_2_and_creates_nothing()
    {
        string empty = Path.Combine(_seed.DataDir, "nothing");

        CliResult result = await CliRunner.RunAsync("audit", "search", "--data-dir", empty);

        Assert.Equal(2, result.ExitCode);
        Assert.False(Directory.Exists(empty));
    }

    [Fact]
    public async System.Threading.Tasks.Task Unwritable_access_log_shows_nothing()
    {
        string blocked = Path.Combine(_seed.DataDir, "blocked");
        Directory.CreateDirectory(blocked);

        // The log path is a directory: it cannot be opened for append.
        CliResult result = await CliRunner.RunAsync("audit", "search", "--data-dir", _seed.DataDir, "--access-log", blocked);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Out);
    }
}

using EcgBridge.Core.Issues;
using EcgBridge.Fhir.Decoding;
using EcgBridge.Fhir.Outputs;
using EcgBridge.Fhir.Serialization;
using Hl7.Fhir.Model;

namespace EcgBridge.Fhir.Tests.Outputs;

public class OperationOutcomeBuilderTests
{
    [Fact]
    public void Each_issue_becomes_a_coded_outcome_issue_with_its_fhirpath()
    {
        var issues = new IssueList();
        issues.Error(FhirCodes.PeriodInvalid, "Observation.component[3].valueSampledData.period");
        issues.Warning(EcgCodes.LeadUnknown, "Observation.component[11].code");
        issues.Error(FhirCodes.BodyTooLarge, "body");
        issues.Error(EcgCodes.LeadsMissing, "lead V2");

        OperationOutcome outcome = OperationOutcomeBuilder.From(issues);

        Assert.Equal(4, outcome.Issue.Count);
        OperationOutcome.IssueComponent period = outcome.Issue[0];
        Assert.Equal(OperationOutcome.IssueSeverity.Error, period.Severity);
        Assert.Equal(OperationOutcome.IssueType.Value, period.Code);
        Assert.Equal((FhirSystems.ErrorCodes, FhirCodes.PeriodInvalid), (period.Details!.Coding[0].System, period.Details!.Coding[0].Code));
        Assert.Equal(["Observation.component[3].valueSampledData.period"], period.Expression);
        Assert.Equal(OperationOutcome.IssueSeverity.Warning, outcome.Issue[1].Severity);
        Assert.Equal(OperationOutcome.IssueType.CodeInvalid, outcome.Issue[1].Code);
        Assert.Equal(OperationOutcome.IssueType.TooLong, outcome.Issue[2].Code);
        Assert.Empty(outcome.Issue[2].Expression);
        Assert.Equal(["body"], outcome.Issue[2].Location);
        Assert.Equal(OperationOutcome.IssueType.Required, outcome.Issue[3].Code);
        Assert.Equal(["lead V2"], outcome.Issue[3].Location);
        StrictRoundTrip.Assert(outcome);
    }

    [Fact]
    public void An_empty_issue_list_gives_one_informational_issue()
    {
        OperationOutcome outcome = OperationOutcomeBuilder.From([]);

        Assert.Equal(OperationOutcome.IssueSeverity.Information, Assert.Single(outcome.Issue).Severity);
        StrictRoundTrip.Assert(outcome);
    }

    [Fact]
    public void Never_echoes_values_from_the_rejected_input()
    {
        const string Marker = "Zqx-Canary-4711";
        string json = SyntheticEcg.ComponentsJson()
            .Replace("\"Patient/p1\"", $"\"Patient/{Marker}\", \"display\": \"{Marker}\"", StringComparison.Ordinal)
            .Replace("\"period\":2", "\"period\":0", StringComparison.Ordinal);
        json = json.Replace("\"code\":\"131330\"", $"\"code\":\"{Marker}\"", StringComparison.Ordinal);
        var issues = new IssueList();

        Assert.False(FhirEcgDecoder.TryDecode(json, FhirFormat.Json, null, issues, out _));
        string outcome = FhirSerializer.ToJson(OperationOutcomeBuilder.From(issues)) + FhirSerializer.ToXml(OperationOutcomeBuilder.From(issues));

        Assert.Contains(FhirCodes.PeriodInvalid, outcome, StringComparison.Ordinal);
        Assert.DoesNotContain(Marker, outcome, StringComparison.Ordinal);
    }

    [Fact]
    public void Strict_parser_findings_are_reported_without_their_message_text()
    {
        const string Marker = "Zqx-Canary-4712";
        var issues = new IssueList();

        Assert.False(FhirEcgDecoder.TryDecode($$"""{"resourceType":"Observation","status":"{{Marker}}","{{Marker}}":1}""", FhirFormat.Json, null, issues, out _));
        string outcome = FhirSerializer.ToJson(OperationOutcomeBuilder.From(issues));

        Assert.Contains(FhirCodes.StructureInvalid, outcome, StringComparison.Ordinal);
        Assert.DoesNotContain(Marker, outcome, StringComparison.Ordinal);
    }
}

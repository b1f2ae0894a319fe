using EcgBridge.Core.Audit;
using EcgBridge.Core.Issues;
using EcgBridge.Core.Scoring;

namespace EcgBridge.Compliance.Tests;

public sealed class ComplianceFilterParserTests
{
    [Fact]
    public void Parses_every_filter()
    {
        var issues = new IssueList();

        bool ok = ComplianceFilterParser.TryParse(
            [
                new("from", "2026-11-01"), new("to", "2026-11-23T12:00:00+01:00"), new("patient", " MRN-1 "),
                new("source", "CART^WARD3"), new("model-version", "0.1.0-demo"), new("outcome", "Scored"),
                new("risk", "high"), new("skip", "10"), new("take", "20"),
            ],
            ComplianceFilterParser.MaxSearchTake,
            issues,
            out ComplianceFilter? filter);

        Assert.True(ok);
        Assert.Empty(issues);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), filter!.From);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 11, 0, 0, TimeSpan.Zero), filter.To);
        Assert.Equal("MRN-1", filter.PatientId);
        Assert.Equal("CART^WARD3", filter.SourceSystem);
        Assert.Equal(AuditOutcome.Scored, filter.Outcome);
        Assert.Equal(RiskLevel.High, filter.Risk);
        Assert.Equal((10, 20), (filter.Skip, filter.Take));
    }

    [Fact]
    public void Empty_values_do_not_filter()
    {
        bool ok = ComplianceFilterParser.TryParse([new("patient", ""), new("risk", null)], 10, new IssueList(), out ComplianceFilter? filter);

        Assert.True(ok);
        Assert.Equal(new ComplianceFilter(), filter);
    }

    [Theory]
    [InlineData("patient", "1' OR '1'='1")]
    [InlineData("patient", "x; DROP TABLE audit")]
    [InlineData("source", "CART--")]
    [InlineData("source", "a/* comment */b")]
    [InlineData("model-version", "v1\\")]
    [InlineData("model-version", "v1\u0000")]
    [InlineData("patient", "MRN\r\n1")]
    public void Refuses_injection_shaped_text_naming_the_parameter(string name, string value)
    {
        var issues = new IssueList();

        bool ok = ComplianceFilterParser.TryParse([new(name, value)], 10, issues, out ComplianceFilter? filter);

        Assert.False(ok);
        Assert.Null(filter);
        Issue issue = Assert.Single(issues);
        Assert.Equal((ComplianceCodes.FilterCharacters, name), (issue.Code, issue.Location));
    }

    [Fact]
    public void Refuses_oversized_text()
    {
        var issues = new IssueList();

        bool ok = ComplianceFilterParser.TryParse([new("patient", new string('9', ComplianceFilterParser.MaxTextLength + 1))], 10, issues, out _);

        Assert.False(ok);
        Assert.Equal((ComplianceCodes.FilterTooLong, "patient"), (issues[0].Code, issues[0].Location));
    }

    [Fact]
    public void Accepts_text_at_the_length_limit()
    {
        bool ok = ComplianceFilterParser.TryParse([new("patient", new string('9', ComplianceFilterParser.MaxTextLength))], 10, new IssueList(), out _);

        Assert.True(ok);
    }

    [Theory]
    [InlineData("outcome", "deleted", ComplianceCodes.FilterValueInvalid)]
    [InlineData("risk", "very", ComplianceCodes.FilterValueInvalid)]
    [InlineData("from", "yesterday", ComplianceCodes.FilterValueInvalid)]
    [InlineData("skip", "-1", ComplianceCodes.PageOutOfRange)]
    [InlineData("take", "0", ComplianceCodes.PageOutOfRange)]
    [InlineData("take", "1001", ComplianceCodes.PageOutOfRange)]
    [InlineData("take", "1e3", ComplianceCodes.FilterValueInvalid)]
    [InlineData("take", "99999999999999999999", ComplianceCodes.FilterTooLong)]
    [InlineData("sort", "seq", ComplianceCodes.FilterUnknown)]
    public void Refuses_malformed_values_with_a_code(string name, string value, string code)
    {
        var issues = new IssueList();

        bool ok = ComplianceFilterParser.TryParse([new(name, value)], ComplianceFilterParser.MaxSearchTake, issues, out _);

        Assert.False(ok);
        Assert.Equal((code, name), (issues[0].Code, issues[0].Location));
    }

    [Fact]
    public void Refuses_an_empty_time_range()
    {
        var issues = new IssueList();

        bool ok = ComplianceFilterParser.TryParse([new("from", "2026-11-23"), new("to", "2026-11-23")], 10, issues, out _);

        Assert.False(ok);
        Assert.Equal((ComplianceCodes.RangeEmpty, "to"), (issues[0].Code, issues[0].Location));
    }

    [Fact]
    public void Collects_every_refusal_at_once()
    {
        var issues = new IssueList();

        ComplianceFilterParser.TryParse([new("patient", "'"), new("risk", "?"), new("take", "0")], 10, issues, out _);

        Assert.Equal(["patient", "risk", "take"], issues.Select(i => i.Location));
    }

    [Fact]
    public void Description_names_the_patient_only_by_hash()
    {
        var filter = new ComplianceFilter { PatientId = "MRN-1", SourceSystem = "CART^WARD3", Take = 5 };

        string text = filter.Describe("abc123");

        Assert.Equal("patient-hash=abc123&source=CART%5EWARD3&take=5", text);
    }
}

using System.Text;
using EcgBridge.Cli.Input;
using EcgBridge.Core;
using EcgBridge.Core.Issues;
using EcgBridge.TestSupport;

namespace EcgBridge.Cli.Tests.Input;

public sealed class EcgInputReaderTests
{
    [Theory]
    [InlineData("MSH|^~\\&|CART", "Hl7v2")]
    [InlineData("\uFEFF\r\nFHS|^~\\&|", "Hl7v2")]
    [InlineData("\vBHS|^~\\&|", "Hl7v2")]
    [InlineData("  {\"resourceType\":\"Observation\"}", "Fhir")]
    [InlineData("<?xml version=\"1.0\"?><Observation/>", "Fhir")]
    [InlineData("hello", "Unknown")]
    [InlineData("", "Unknown")]
    public void Sniffs_the_format_from_the_first_bytes(string content, string expected) =>
        Assert.Equal(Enum.Parse<EcgInputKind>(expected), EcgInputReader.Sniff(Encoding.UTF8.GetBytes(content)));

    [Fact]
    public void Sniffs_UTF16_XML()
    {
        byte[] bytes = [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("<Bundle/>")];

        Assert.Equal(EcgInputKind.Fhir, EcgInputReader.Sniff(bytes));
    }

    [Fact]
    public void Reads_a_WFDB_record_by_its_header()
    {
        var issues = new IssueList();

        Assert.True(EcgInputReader.TryRead(RealRecords.HeaderPath(RealRecords.PtbXl00001LowRate), null, issues, out IReadOnlyList<EcgRecording> recordings));

        EcgRecording recording = Assert.Single(recordings);
        Assert.Equal(100, recording.SampleRateHz);
        Assert.Equal(12, recording.Leads.Count);
        Assert.Empty(issues);
    }
}

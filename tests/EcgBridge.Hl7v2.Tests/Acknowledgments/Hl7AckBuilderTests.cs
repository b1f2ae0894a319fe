using System.Text;
using EcgBridge.Core.Issues;
using EcgBridge.Hl7v2.Acknowledgments;
using EcgBridge.Hl7v2.Parsing;

namespace EcgBridge.Hl7v2.Tests.Acknowledgments;

public class Hl7AckBuilderTests
{
    private const string Oru = "MSH|^~\\&|CART^1.2^ISO|WARD|ECGB|HOSP|20240102030405||ORU^R01^ORU_R01|MSG-42|P|2.5.1\rPID|1||SECRET-ID\r";
    private static readonly Hl7AckOptions Options = new() { ControlId = "ACK-1", Timestamp = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero) };

    private static Hl7Message ParseAck(byte[] ack)
    {
        var issues = new IssueList();
        Assert.True(Hl7Message.TryParse(ack, issues, out Hl7Message? message), issues.CodesText());
        return message!;
    }

    private static Hl7MessageHeader Header(string text)
    {
        Assert.True(Hl7MessageHeader.TryRead(Encoding.UTF8.GetBytes(text), new IssueList(), out Hl7MessageHeader? header));
        return header!;
    }

    [Fact]
    public void Accepts_with_AA_echoing_MSH_10_and_swapping_sender_and_receiver()
    {
        Hl7Message ack = ParseAck(Hl7AckBuilder.Build(Header(Oru), [], Options));
        Hl7Segment msh = ack[0];
        Assert.Equal("ECGB", msh.Text(3));
        Assert.Equal("HOSP", msh.Text(4));
        Assert.Equal("CART", msh.Text(5, 1));
        Assert.Equal("1.2", msh.Text(5, 2));
        Assert.Equal("WARD", msh.Text(6));
        Assert.Equal("ACK", msh.Text(9, 1));
        Assert.Equal("R01", msh.Text(9, 2));
        Assert.Equal("ACK", msh.Text(9, 3));
        Assert.Equal("ACK-1", msh.Text(10));
        Assert.Equal("P", msh.Text(11));
        Assert.Equal("2.5.1", msh.Text(12));
        Assert.Equal("AA", ack[1].Text(1));
        Assert.Equal("MSG-42", ack[1].Text(2));
        Assert.Equal(2, ack.SegmentCount);
    }

    [Fact]
    public void Answers_content_errors_with_AE_and_one_ERR_per_issue()
    {
        var issues = new IssueList();
        issues.Error(Hl7Codes.SampleInvalid, "OBX[3]-5 lead V2");
        issues.Warning(EcgCodes.LeadUnknown, "OBX[5]-3");
        Hl7Message ack = ParseAck(Hl7AckBuilder.Build(Header(Oru), issues, Options));
        Assert.Equal("AE", ack[1].Text(1));
        Hl7Segment err = ack[2];
        Assert.Equal("OBX", err.Text(2, 1));
        Assert.Equal("3", err.Text(2, 2));
        Assert.Equal("5", err.Text(2, 3));
        Assert.Equal("102", err.Text(3, 1));
        Assert.Equal("HL70357", err.Text(3, 3));
        Assert.Equal("E", err.Text(4));
        Assert.Equal(Hl7Codes.SampleInvalid, err.Text(5, 1));
        Assert.Equal("EcgBridge", err.Text(5, 3));
        Assert.Equal("W", ack[3].Text(4));
        Assert.Equal(EcgCodes.LeadUnknown, ack[3].Text(5, 1));
    }

    [Theory]
    [InlineData(Hl7Codes.MessageTypeUnsupported, "MSH-9.1", 200)]
    [InlineData(Hl7Codes.EventUnsupported, "MSH-9.2", 201)]
    [InlineData(Hl7Codes.VersionUnsupported, "MSH-12", 203)]
    public void Rejects_envelope_problems_with_AR_and_the_table_0357_code(string code, string location, int hl7Code)
    {
        var issues = new IssueList();
        issues.Error(code, location);
        Hl7Message ack = ParseAck(Hl7AckBuilder.Build(Header(Oru), issues, Options));
        Assert.Equal("AR", ack[1].Text(1));
        Assert.Equal(hl7Code.ToString(System.Globalization.CultureInfo.InvariantCulture), ack[2].Text(3, 1));
        Assert.Equal("MSH", ack[2].Text(2, 1));
    }

    [Fact]
    public void Answers_an_unreadable_message_with_AR_and_an_empty_MSA_2()
    {
        var issues = new IssueList();
        issues.Error(Hl7Codes.MshMissing, "MSH");
        Hl7Message ack = ParseAck(Hl7AckBuilder.Build(null, issues, Options));
        Assert.Equal("AR", ack[1].Text(1));
        Assert.Null(ack[1].Text(2));
        Assert.Equal("EcgBridge", ack[0].Text(3));
    }

    [Fact]
    public void Never_echoes_input_values_beyond_routing_fields_and_control_id()
    {
        var issues = new IssueList();
        issues.Error(Hl7Codes.SampleInvalid, "OBX[1]-5 lead I");
        string ack = Encoding.UTF8.GetString(Hl7AckBuilder.Build(Header(Oru), issues, Options));
        Assert.DoesNotContain("SECRET-ID", ack, StringComparison.Ordinal);
    }

    [Fact]
    public void Uses_commit_codes_in_enhanced_mode_and_honours_the_ACK_conditions()
    {
        Hl7MessageHeader enhanced = Header(Oru.Replace("2.5.1", "2.5.1|||AL|NE", StringComparison.Ordinal));
        Assert.Equal(Hl7AckCode.CA, Hl7AckBuilder.ChooseCode(enhanced, []));
        var issues = new IssueList();
        issues.Error(Hl7Codes.VersionUnsupported, "MSH-12");
        Assert.Equal(Hl7AckCode.CR, Hl7AckBuilder.ChooseCode(enhanced, issues));
        Assert.True(Hl7AckBuilder.ShouldSend(enhanced, Hl7AckCode.CA));

        Hl7MessageHeader applicationOnly = Header(Oru.Replace("2.5.1", "2.5.1|||NE|ER", StringComparison.Ordinal));
        Assert.Equal(Hl7AckCode.AA, Hl7AckBuilder.ChooseCode(applicationOnly, []));
        Assert.False(Hl7AckBuilder.ShouldSend(applicationOnly, Hl7AckCode.AA));
        Assert.True(Hl7AckBuilder.ShouldSend(applicationOnly, Hl7AckCode.AE));
    }

    [Fact]
    public void Escapes_delimiters_of_routing_fields_sent_with_other_delimiters()
    {
        Hl7MessageHeader header = Header("MSH#^~\\&#A|B^X#FAC#R#F#20240101##ORU^R01#C1#P#2.6");
        Hl7Message ack = ParseAck(Hl7AckBuilder.Build(header, [], Options));
        Assert.Equal("A|B", ack[0].Text(5, 1));
        Assert.Equal("X", ack[0].Text(5, 2));
    }
}

using System.Text;
using EcgBridge.Core.Issues;
using EcgBridge.Hl7v2.Parsing;

namespace EcgBridge.Hl7v2.Tests.Parsing;

public class Hl7MessageTests
{
    private const string Oru = "MSH|^~\\&|APP^1.2.3^ISO|FAC|RCV|RFAC|20240102030405||ORU^R01^ORU_R01|CTRL-1|P|2.6\r"
        + "PID|1||PAT1^^^HOSP&1.2&ISO~PAT2||Doe^Jane\r"
        + "OBX|1|ST|CODE^Name^L||a\\F\\b\\S\\c\\T\\d\\R\\e\\E\\f\\X41\\\\.br\\g|||||F|\r";

    private static Hl7Message Parse(string text, IssueList? issues = null)
    {
        issues ??= new IssueList();
        Assert.True(Hl7Message.TryParse(Encoding.UTF8.GetBytes(text), issues, out Hl7Message? message), issues.CodesText());
        return message!;
    }

    [Theory]
    [InlineData("\r")]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Splits_segments_on_CR_LF_and_CRLF(string end)
    {
        Hl7Message message = Parse(Oru.Replace("\r", end, StringComparison.Ordinal));
        Assert.Equal(3, message.SegmentCount);
        Assert.Equal("OBX", message[2].Id);
    }

    [Fact]
    public void Reads_fields_components_subcomponents_and_repetitions()
    {
        Hl7Message message = Parse(Oru);
        Hl7Segment pid = message[1];
        Assert.Equal("PAT1", pid.Text(3, 1));
        Assert.Equal("1.2", pid.Text(3, 4, 2));
        Assert.Equal("PAT2", pid.Text(3, 1, 1, repetitionNumber: 2));
        Assert.Equal("Jane", pid.Text(5, 2));
        Assert.Null(pid.Text(7));
        Assert.Equal("|", Encoding.ASCII.GetString(message[0].Field(1)));
        Assert.Equal("^~\\&", Encoding.ASCII.GetString(message[0].Field(2)));
        Assert.Equal("CTRL-1", message[0].Text(10));
    }

    [Fact]
    public void Unescapes_all_standard_sequences_on_access()
    {
        Hl7Message message = Parse(Oru);
        Assert.Equal("a|b^c&d~e\\fA\ng", message[2].Text(5));
    }

    [Fact]
    public void Reads_the_header_for_the_ACK()
    {
        Hl7MessageHeader header = Parse(Oru).Header;
        Assert.Equal("APP^1.2.3^ISO", header.SendingApplication);
        Assert.Equal("APP", header.SendingApplicationId);
        Assert.Equal("FAC", header.SendingFacility);
        Assert.Equal("ORU", header.MessageType);
        Assert.Equal("R01", header.TriggerEvent);
        Assert.Equal("CTRL-1", header.MessageControlId);
        Assert.Equal("2.6", header.VersionId);
        Assert.False(header.IsEnhancedMode);
    }

    [Fact]
    public void Reads_non_standard_delimiters_and_reencodes_routing_fields()
    {
        Hl7Message message = Parse("MSH^~|\\&^SEND~X^200M^RCV^200^20120918173931-0500^^ADT~A24^2003582144^T^2.4\rPID^1");
        Assert.Equal((byte)'^', message.Delimiters.Field);
        Assert.Equal("ADT", message.Header.MessageType);
        Assert.Equal("A24", message.Header.TriggerEvent);
        Assert.Equal("SEND^X", message.Header.SendingApplication);
    }

    [Fact]
    public void Decodes_text_with_the_MSH_18_character_set()
    {
        byte[] latin1 = Encoding.Latin1.GetBytes("MSH|^~\\&|A|B|C|D|20240101||ORU^R01|1|P|2.6||||||8859/1\rNTE|1||Gr\u00fc\u00dfe\r");
        Assert.True(Hl7Message.TryParse(latin1, new IssueList(), out Hl7Message? message));
        Assert.Equal("Gr\u00fc\u00dfe", message!.FindSegment("NTE"u8) is int i and >= 0 ? message[i].Text(3) : null);
    }

    [Fact]
    public void Tolerates_trailing_field_separators_and_skips_FHS_BHS_batch_headers()
    {
        Hl7Message message = Parse("FHS|^~\\&\rBHS|^~\\&\r" + Oru + "BTS|1\rFTS|1\r");
        Assert.Equal(3, message.SegmentCount);
        Assert.Equal(2, Hl7Batch.Split(Encoding.ASCII.GetBytes("BHS|^~\\&\r" + Oru + Oru + "BTS|2\r")).Count);
    }

    [Fact]
    public void Warns_about_a_second_message_and_keeps_the_first()
    {
        var issues = new IssueList();
        Hl7Message message = Parse(Oru + Oru, issues);
        Assert.Equal(3, message.SegmentCount);
        Assert.Contains(issues, i => i.Code == Hl7Codes.BatchExtraMessage && !i.IsError);
    }

    [Theory]
    [InlineData("", Hl7Codes.MessageEmpty)]
    [InlineData("PID|1||x\r", Hl7Codes.MshMissing)]
    [InlineData("MSH", Hl7Codes.MshTruncated)]
    [InlineData("MSH|^~", Hl7Codes.MshTruncated)]
    [InlineData("MSH|^^\\&|A|B|C|D|1||ORU^R01|1|P|2.6", Hl7Codes.EncodingCharactersInvalid)]
    [InlineData("MSH|^~a&|A|B|C|D|1||ORU^R01|1|P|2.6", Hl7Codes.EncodingCharactersInvalid)]
    [InlineData("MSH|^~\\|A|B|C|D|1||ORU^R01|1|P|2.6", Hl7Codes.EncodingCharactersInvalid)]
    [InlineData("MSH|^~\\&|A|B|C|D|1||ORU^R01|1|P", Hl7Codes.MshTruncated)]
    [InlineData("MSH|^~\\&|A|B|C|D|1||ORU^R01||P|2.6", Hl7Codes.MshFieldMissing)]
    [InlineData("MSH|^~\\&|A|B|C|D|1||ORU^R01|1|P|2.6\robx|1", Hl7Codes.SegmentIdInvalid)]
    [InlineData("MSH|^~\\&|A|B|C|D|1||ORU^R01|1|P|2.6\rOBX|1|\u0001", Hl7Codes.MessageBinary)]
    [InlineData("MSH|^~\\&|A|B|C|D|1||ORU^R01|1|P|2.6||||||ISO IR87", Hl7Codes.CharacterSetUnsupported)]
    public void Refuses_broken_messages_with_a_code(string text, string code)
    {
        var issues = new IssueList();
        Assert.False(Hl7Message.TryParse(Encoding.UTF8.GetBytes(text), issues, out _));
        Assert.Contains(issues, i => i.Code == code && i.IsError);
    }

    [Fact]
    public void Refuses_a_message_over_the_size_limit_without_reading_it()
    {
        byte[] big = new byte[50 * 1024 * 1024];
        Encoding.ASCII.GetBytes("MSH|^~\\&|A|B|C|D|1||ORU^R01|1|P|2.6\rOBX|1|NA|x||").CopyTo(big, 0);
        big.AsSpan(60).Fill((byte)'1');
        var issues = new IssueList();
        Assert.False(Hl7Message.TryParse(big, issues, out _));
        Assert.Equal(Hl7Codes.MessageTooLarge, Assert.Single(issues).Code);
    }

    [Fact]
    public void Refuses_segments_and_segment_counts_beyond_the_limits()
    {
        var issues = new IssueList();
        Assert.False(Hl7Message.TryParse(Encoding.ASCII.GetBytes(Oru + "NTE|1||" + new string('x', 200)), new Hl7ReaderOptions { MaxSegmentBytes = 100 }, issues, out _));
        Assert.Contains(issues, i => i.Code == Hl7Codes.SegmentTooLong);
        issues = new IssueList();
        Assert.False(Hl7Message.TryParse(Encoding.ASCII.GetBytes(Oru + "NTE|1\rNTE|2\r"), new Hl7ReaderOptions { MaxSegments = 3 }, issues, out _));
        Assert.Contains(issues, i => i.Code == Hl7Codes.TooManySegments);
    }

    [Fact]
    public void Keeps_nested_escape_abuse_literal_and_bounded()
    {
        string abuse = string.Concat(Enumerable.Repeat("\\E\\F\\E\\", 10_000)) + "\\X" + new string('4', 1001) + "\\";
        var issues = new IssueList();
        Hl7Message message = Parse("MSH|^~\\&|A|B|C|D|1||ORU^R01|1|P|2.6\rNTE|1||" + abuse + "\r", issues);
        string? text = message[1].Text(3);
        Assert.NotNull(text);
        Assert.StartsWith("\\F\\", text, StringComparison.Ordinal);
    }
}

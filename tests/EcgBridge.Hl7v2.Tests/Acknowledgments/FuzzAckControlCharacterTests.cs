using System.Text;
using EcgBridge.Core.Issues;
using EcgBridge.Core.Mapping;
using EcgBridge.Hl7v2.Acknowledgments;
using EcgBridge.Hl7v2.Mllp;
using EcgBridge.Hl7v2.Parsing;
using EcgBridge.Hl7v2.Waveforms;

namespace EcgBridge.Hl7v2.Tests.Acknowledgments;

/// <summary>
/// Regressions found by the SharpFuzz target (tests/EcgBridge.Hl7v2.Fuzz): control characters decoded from \Xhh\
/// escapes, or left raw in the MSH of a rejected binary message, were echoed unescaped into the ACK, which our own
/// reader then rejected as binary and in which an FS (0x1C) would end the MLLP frame early.
/// </summary>
public class FuzzAckControlCharacterTests
{
    private static readonly Hl7AckOptions Options = new() { ControlId = "ACK-1", Timestamp = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero) };

    private static byte[] AckFor(byte[] message)
    {
        var issues = new IssueList();
        Hl7EcgDecoder.TryDecode(message, MappingProfileSet.Empty, null, issues, out Hl7DecodeResult result);
        Assert.NotNull(result.Header);
        return Hl7AckBuilder.Build(result.Header, issues, Options);
    }

    private static Hl7Message ReadBack(byte[] ack)
    {
        Assert.DoesNotContain(ack, b => (b < 0x20 && b != (byte)'\r') || b == 0x7F);
        var issues = new IssueList();
        Assert.True(Hl7Message.TryParse(ack, issues, out Hl7Message? message), issues.CodesText());
        return message!;
    }

    [Fact]
    public void Escapes_control_characters_as_hex_so_they_survive_a_field()
    {
        string escaped = Hl7Escaping.Escape("A\u001CB\u0000C\u000BD\u007FE", Hl7EncodingCharacters.Standard);

        Assert.Equal(@"A\X1C\B\X00\C\X0B\D\X7F\E", escaped);
        Assert.Equal("A\u001CB\u0000C\u000BD\u007FE", Hl7Escaping.Unescape(escaped, Hl7EncodingCharacters.Standard));
    }

    [Fact]
    public void Echoes_a_control_id_holding_an_escaped_FS_without_breaking_the_MLLP_frame()
    {
        byte[] message = Encoding.ASCII.GetBytes("MSH|^~\\&|CART||ECGB||20240102030405||ADT^A01|ID\\X1C\\42|P|2.5.1\r");

        byte[] ack = AckFor(message);
        Hl7Message read = ReadBack(ack);

        Assert.DoesNotContain(MllpFraming.EndBlock, ack);
        Assert.Equal("ID\u001C42", read[1].Text(2));
    }

    [Fact]
    public void Echoes_routing_fields_of_a_message_with_other_delimiters_without_control_characters()
    {
        byte[] message = Encoding.ASCII.GetBytes("MSH#$%*@#CART*X00*1#WARD#ECGB#HOSP#20240102030405##ADT$A01#ID1#P#2.5.1\r");

        Hl7Message ack = ReadBack(AckFor(message));

        Assert.Equal("CART\u00001", ack[0].Text(5));
        Assert.Equal("ID1", ack[1].Text(2));
    }

    [Fact]
    public void Answers_a_binary_message_without_echoing_its_raw_control_bytes()
    {
        byte[] message = Encoding.ASCII.GetBytes("MSH|^~\\&|CA\u0001RT||ECGB||20240102030405||ORU^R01|ID\u000B7|P|2.5.1\rOBX|1\r");

        byte[] ack = AckFor(message);
        Hl7Message read = ReadBack(ack);

        Assert.Equal("AR", read[1].Text(1));
        Assert.Equal("ID\u000B7", read[1].Text(2));
        Assert.Equal("CA\u0001RT", read[0].Text(5));
    }
}

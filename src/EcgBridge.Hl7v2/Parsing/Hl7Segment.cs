using System.Globalization;
using System.Text;

namespace EcgBridge.Hl7v2.Parsing;

/// <summary>
/// One segment of a parsed message: raw (escaped) access by HL7 position and unescaped text on demand. Positions are
/// 1-based <c>...Number</c> values as in HL7 (OBX-5 is field number 5); MSH-1 is the field separator itself.
/// </summary>
public readonly struct Hl7Segment
{
    private readonly Hl7Message _message;
    private readonly int _start;
    private readonly int _length;

    internal Hl7Segment(Hl7Message message, int index, int start, int length, int occurrence)
    {
        _message = message;
        Index = index;
        _start = start;
        _length = length;
        Occurrence = occurrence;
    }

    /// <summary>0-based position of the segment in the message.</summary>
    public int Index { get; }

    /// <summary>1-based occurrence of this segment id in the message (OBX[3] is the third OBX): ERR-2.2.</summary>
    public int Occurrence { get; }

    /// <summary>The segment's bytes without the terminator.</summary>
    public ReadOnlySpan<byte> Span => _message.Bytes.Span.Slice(_start, _length);

    /// <summary>The segment's bytes without the terminator.</summary>
    public ReadOnlyMemory<byte> Memory => _message.Bytes.Slice(_start, _length);

    /// <summary>The three-character segment id.</summary>
    public string Id => Encoding.ASCII.GetString(Span[..3]);

    /// <summary>The message's delimiters.</summary>
    public Hl7EncodingCharacters Delimiters => _message.Delimiters;

    /// <summary>Number of fields present (trailing empty fields included).</summary>
    public int FieldCount
    {
        get
        {
            int parts = Hl7Tokens.Count(Span, _message.Delimiters.Field);
            return IsId("MSH"u8) ? parts : parts - 1;
        }
    }

    /// <summary>True when the segment id equals <paramref name="id"/> (three ASCII bytes).</summary>
    public bool IsId(ReadOnlySpan<byte> id) => Span.StartsWith(id) && id.Length == 3;

    /// <summary>The raw field (escaped, delimiters kept); empty when absent.</summary>
    public ReadOnlySpan<byte> Field(int fieldNumber)
    {
        ReadOnlySpan<byte> span = Span;
        if (fieldNumber < 1)
        {
            return default;
        }

        if (IsId("MSH"u8) || IsId("FHS"u8) || IsId("BHS"u8))
        {
            return fieldNumber == 1 ? span.Slice(3, 1) : Hl7Tokens.Part(span, _message.Delimiters.Field, fieldNumber);
        }

        return Hl7Tokens.Part(span, _message.Delimiters.Field, fieldNumber + 1);
    }

    /// <summary>A raw component (1-based) of a repetition (1-based) of a field.</summary>
    public ReadOnlySpan<byte> Component(int fieldNumber, int componentNumber, int repetitionNumber = 1)
    {
        Hl7EncodingCharacters d = _message.Delimiters;
        ReadOnlySpan<byte> repetition = Hl7Tokens.Part(Field(fieldNumber), d.Repetition, repetitionNumber);
        return Hl7Tokens.Part(repetition, d.Component, componentNumber);
    }

    /// <summary>A raw subcomponent.</summary>
    public ReadOnlySpan<byte> Subcomponent(int fieldNumber, int componentNumber, int subcomponentNumber, int repetitionNumber = 1) =>
        Hl7Tokens.Part(Component(fieldNumber, componentNumber, repetitionNumber), _message.Delimiters.Subcomponent, subcomponentNumber);

    /// <summary>Unescaped text of a component (null when empty or only spaces).</summary>
    public string? Text(int fieldNumber, int componentNumber = 1, int subcomponentNumber = 1, int repetitionNumber = 1) =>
        _message.Text(Subcomponent(fieldNumber, componentNumber, subcomponentNumber, repetitionNumber));

    /// <summary>An issue location such as <c>OBX[3]-5</c>.</summary>
    public string Location(int fieldNumber) =>
        string.Create(CultureInfo.InvariantCulture, $"{Id}[{Occurrence}]-{fieldNumber}");

    /// <summary>An issue location such as <c>OBX[3]</c>.</summary>
    public string Location() => string.Create(CultureInfo.InvariantCulture, $"{Id}[{Occurrence}]");
}

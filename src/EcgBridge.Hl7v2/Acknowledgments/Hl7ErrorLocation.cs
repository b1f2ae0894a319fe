using System.Globalization;

namespace EcgBridge.Hl7v2.Acknowledgments;

/// <summary>
/// An ERR-2 location (ERL: segment id ^ sequence ^ field ^ repetition ^ component; sequence 0 = not named) read from an issue location such as
/// <c>OBX[3]-5</c>, <c>MSH-9</c>, <c>MSH-9.2</c> or <c>OBX[7]-5 lead I</c>.
/// </summary>
public readonly record struct Hl7ErrorLocation(string SegmentId, int Sequence, int FieldNumber, int ComponentNumber)
{
    /// <summary>Parses the HL7 part of an issue location; false for locations such as <c>message</c> or <c>lead V2</c>.</summary>
    public static bool TryParse(string? location, out Hl7ErrorLocation value)
    {
        value = default;
        if (string.IsNullOrEmpty(location) || location.Length < 3)
        {
            return false;
        }

        ReadOnlySpan<char> text = location.AsSpan();
        for (int i = 0; i < 3; i++)
        {
            if (!(char.IsAsciiLetterUpper(text[i]) || char.IsAsciiDigit(text[i])))
            {
                return false;
            }
        }

        string id = location[..3];
        text = text[3..];
        int sequence = 0;
        if (text.StartsWith("["))
        {
            int close = text.IndexOf(']');
            if (close < 0 || !int.TryParse(text[1..close], NumberStyles.None, CultureInfo.InvariantCulture, out sequence))
            {
                return false;
            }

            text = text[(close + 1)..];
        }

        int field = 0;
        int component = 0;
        if (text.StartsWith("-"))
        {
            text = text[1..];
            int length = 0;
            while (length < text.Length && char.IsAsciiDigit(text[length]))
            {
                length++;
            }

            if (length == 0 || !int.TryParse(text[..length], NumberStyles.None, CultureInfo.InvariantCulture, out field))
            {
                return false;
            }

            text = text[length..];
            if (text.StartsWith("."))
            {
                text = text[1..];
                length = 0;
                while (length < text.Length && char.IsAsciiDigit(text[length]))
                {
                    length++;
                }

                if (length > 0)
                {
                    _ = int.TryParse(text[..length], NumberStyles.None, CultureInfo.InvariantCulture, out component);
                    text = text[length..];
                }
            }
        }

        if (!(text.IsEmpty || text[0] == ' '))
        {
            return false;
        }

        value = new Hl7ErrorLocation(id, sequence, field, component);
        return true;
    }

    /// <summary>ERL components: id, sequence, field, repetition (1 when a field is named), component.</summary>
    public string?[] ToComponents() =>
    [
        SegmentId,
        Sequence > 0 ? Sequence.ToString(CultureInfo.InvariantCulture) : FieldNumber > 0 ? "1" : null,
        FieldNumber > 0 ? FieldNumber.ToString(CultureInfo.InvariantCulture) : null,
        FieldNumber > 0 && ComponentNumber > 0 ? "1" : null,
        ComponentNumber > 0 ? ComponentNumber.ToString(CultureInfo.InvariantCulture) : null,
    ];
}

using System.Text;

namespace EcgBridge.Hl7v2.Parsing;

/// <summary>MSH-18 character set names (HL7 table 0211) this reader decodes.</summary>
public static class Hl7CharacterSets
{
    /// <summary>
    /// Maps an MSH-18 value to a decoder: empty, ASCII and UNICODE UTF-8 read as UTF-8 (ASCII is a subset, and real
    /// senders that claim ASCII often send UTF-8), 8859/1 as ISO-8859-1. False for other sets.
    /// </summary>
    public static bool TryGetEncoding(ReadOnlySpan<char> name, out Encoding encoding)
    {
        ReadOnlySpan<char> trimmed = name.Trim();
        if (trimmed.IsEmpty || trimmed.Equals("ASCII", StringComparison.OrdinalIgnoreCase)
            || trimmed.Equals("UNICODE UTF-8", StringComparison.OrdinalIgnoreCase) || trimmed.Equals("UTF-8", StringComparison.OrdinalIgnoreCase)
            || trimmed.Equals("UNICODE", StringComparison.OrdinalIgnoreCase))
        {
            encoding = Encoding.UTF8;
            return true;
        }

        if (trimmed.Equals("8859/1", StringComparison.OrdinalIgnoreCase) || trimmed.Equals("ISO-8859-1", StringComparison.OrdinalIgnoreCase))
        {
            encoding = Encoding.Latin1;
            return true;
        }

        encoding = Encoding.UTF8;
        return false;
    }
}

namespace EcgBridge.Hl7v2.Parsing;

/// <summary>Delimiter arithmetic over raw (still escaped) bytes; 1-based part numbers as in HL7 positions.</summary>
public static class Hl7Tokens
{
    /// <summary>The <paramref name="partNumber"/>-th part (1-based) between separators; empty when absent.</summary>
    public static ReadOnlySpan<byte> Part(ReadOnlySpan<byte> text, byte separator, int partNumber)
    {
        for (int i = 1; i < partNumber; i++)
        {
            int index = text.IndexOf(separator);
            if (index < 0)
            {
                return default;
            }

            text = text[(index + 1)..];
        }

        int end = text.IndexOf(separator);
        return end < 0 ? text : text[..end];
    }

    /// <summary>Number of parts (0 for empty text).</summary>
    public static int Count(ReadOnlySpan<byte> text, byte separator) => text.IsEmpty ? 0 : text.Count(separator) + 1;

    /// <summary>Cuts the next part off <paramref name="rest"/>; false when nothing is left.</summary>
    public static bool Next(ref ReadOnlySpan<byte> rest, byte separator, ref bool done, out ReadOnlySpan<byte> part)
    {
        if (done)
        {
            part = default;
            return false;
        }

        int index = rest.IndexOf(separator);
        if (index < 0)
        {
            part = rest;
            rest = default;
            done = true;
            return true;
        }

        part = rest[..index];
        rest = rest[(index + 1)..];
        return true;
    }
}

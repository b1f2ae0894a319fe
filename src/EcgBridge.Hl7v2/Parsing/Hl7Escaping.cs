using System.Text;

namespace EcgBridge.Hl7v2.Parsing;

/// <summary>
/// HL7 escape sequences: \F\ \S\ \T\ \R\ \E\ (and \P\ for the v2.7 truncation character), \Xhh..\ hex data decoded with
/// the message's character set, \.br\ as a line break. One pass only: the output of one sequence is never re-read, so
/// "nested" sequences such as <c>\E\F\E\</c> yield literal text. Unknown formatting sequences are kept verbatim.
/// </summary>
public static class Hl7Escaping
{
    /// <summary>
    /// Escapes delimiters, line ends and other control characters (as \Xhh\; TAB excepted) so the value survives inside a
    /// field and never carries a byte that readers reject as binary or that ends an MLLP frame (FS).
    /// </summary>
    public static string Escape(ReadOnlySpan<char> value, Hl7EncodingCharacters delimiters)
    {
        int i = IndexOfSpecial(value, delimiters);
        if (i < 0)
        {
            return value.ToString();
        }

        var builder = new StringBuilder(value.Length + 16);
        builder.Append(value[..i]);
        char escape = (char)delimiters.Escape;
        for (; i < value.Length; i++)
        {
            char c = value[i];
            string? sequence = c switch
            {
                _ when c == delimiters.Field => "F",
                _ when c == delimiters.Component => "S",
                _ when c == delimiters.Subcomponent => "T",
                _ when c == delimiters.Repetition => "R",
                _ when c == delimiters.Escape => "E",
                _ when delimiters.Truncation != 0 && c == delimiters.Truncation => "P",
                '\r' => "X0D",
                '\n' => "X0A",
                _ when IsControl(c) => "X" + ((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture),
                _ => null,
            };
            if (sequence is null)
            {
                builder.Append(c);
            }
            else
            {
                builder.Append(escape).Append(sequence).Append(escape);
            }
        }

        return builder.ToString();
    }

    /// <summary>Unescapes text; false when a sequence was malformed (it is then kept literally).</summary>
    public static bool TryUnescape(
        ReadOnlySpan<char> text, Hl7EncodingCharacters delimiters, Encoding hexEncoding, int maxSequenceLength, out string value)
    {
        ArgumentNullException.ThrowIfNull(hexEncoding);
        char escape = (char)delimiters.Escape;
        int first = text.IndexOf(escape);
        if (first < 0)
        {
            value = text.ToString();
            return true;
        }

        bool ok = true;
        var builder = new StringBuilder(text.Length);
        builder.Append(text[..first]);
        int i = first;
        while (i < text.Length)
        {
            char c = text[i];
            if (c != escape)
            {
                int next = text[i..].IndexOf(escape);
                int end = next < 0 ? text.Length : i + next;
                builder.Append(text[i..end]);
                i = end;
                continue;
            }

            int close = text[(i + 1)..].IndexOf(escape);
            if (close <= 0 || close > maxSequenceLength)
            {
                ok = false;
                builder.Append(c);
                i++;
                continue;
            }

            ReadOnlySpan<char> sequence = text.Slice(i + 1, close);
            if (!AppendSequence(builder, sequence, delimiters, hexEncoding))
            {
                ok = false;
                builder.Append(text.Slice(i, close + 2));
            }

            i += close + 2;
        }

        value = builder.ToString();
        return ok;
    }

    /// <summary>Unescapes with UTF-8 hex data and no length limit beyond the text; malformed sequences stay literal.</summary>
    public static string Unescape(ReadOnlySpan<char> text, Hl7EncodingCharacters delimiters)
    {
        TryUnescape(text, delimiters, Encoding.UTF8, int.MaxValue, out string value);
        return value;
    }

    private static bool AppendSequence(StringBuilder builder, ReadOnlySpan<char> sequence, Hl7EncodingCharacters d, Encoding hexEncoding)
    {
        if (sequence.Length == 1)
        {
            char replacement = sequence[0] switch
            {
                'F' => (char)d.Field,
                'S' => (char)d.Component,
                'T' => (char)d.Subcomponent,
                'R' => (char)d.Repetition,
                'E' => (char)d.Escape,
                'P' when d.Truncation != 0 => (char)d.Truncation,
                _ => '\0',
            };
            if (replacement != '\0')
            {
                builder.Append(replacement);
                return true;
            }

            if (sequence[0] is 'H' or 'N')
            {
                // Highlighting on/off: formatting hints, kept verbatim.
                builder.Append((char)d.Escape).Append(sequence).Append((char)d.Escape);
                return true;
            }

            return false;
        }

        if (sequence[0] == 'X')
        {
            ReadOnlySpan<char> hex = sequence[1..];
            if (hex.IsEmpty || hex.Length % 2 != 0)
            {
                return false;
            }

            byte[] bytes = new byte[hex.Length / 2];
            if (Convert.FromHexString(hex, bytes, out _, out int written) != System.Buffers.OperationStatus.Done || written != bytes.Length)
            {
                return false;
            }

            builder.Append(hexEncoding.GetString(bytes));
            return true;
        }

        if (sequence.SequenceEqual(".br"))
        {
            builder.Append('\n');
            return true;
        }

        if (sequence[0] is '.' or 'C' or 'M' or 'Z')
        {
            builder.Append((char)d.Escape).Append(sequence).Append((char)d.Escape);
            return true;
        }

        return false;
    }

    private static bool IsControl(char c) => (c < 0x20 && c != '\t') || c == 0x7F;

    private static int IndexOfSpecial(ReadOnlySpan<char> value, Hl7EncodingCharacters d)
    {
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (c is '\r' or '\n' || IsControl(c) || (c < 0x80 && d.IsDelimiter((byte)c)))
            {
                return i;
            }
        }

        return -1;
    }
}

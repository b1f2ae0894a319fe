using System.Globalization;

namespace EcgBridge.Hl7v2.Parsing;

/// <summary>
/// Number parsing straight from message bytes. Plain decimals take an exact fast path (integer mantissa of at most 15
/// digits divided by a power of ten, both exact doubles, so the result is the correctly rounded value); everything else
/// goes through <see cref="double.TryParse(ReadOnlySpan{byte}, NumberStyles, IFormatProvider?, out double)"/>.
/// </summary>
public static class Hl7Numbers
{
    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary>
    /// Parses a finite number. Leading and trailing spaces are always ignored; spaces inside the number (<c>- 5</c>, seen
    /// in real monitor feeds) only when <paramref name="tolerateInnerSpaces"/> is set.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> text, bool tolerateInnerSpaces, out double value)
    {
        text = text.Trim((byte)' ');
        if (TryParseSimple(text, out value))
        {
            return true;
        }

        if (text.IsEmpty || text.Length > 64)
        {
            value = 0;
            return false;
        }

        if (tolerateInnerSpaces && text.Contains((byte)' '))
        {
            Span<byte> compact = stackalloc byte[text.Length];
            int length = 0;
            foreach (byte b in text)
            {
                if (b != (byte)' ')
                {
                    compact[length++] = b;
                }
            }

            return TryParse(compact[..length], tolerateInnerSpaces: false, out value);
        }

        // Letters other than an exponent would let "NaN"/"Infinity" through double.TryParse.
        foreach (byte b in text)
        {
            if (!(char.IsAsciiDigit((char)b) || b is (byte)'+' or (byte)'-' or (byte)'.' or (byte)'e' or (byte)'E'))
            {
                value = 0;
                return false;
            }
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    /// <summary>Parses a number from text (same rules as the byte overload).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, bool tolerateInnerSpaces, out double value)
    {
        if (text.Length > 64)
        {
            value = 0;
            return false;
        }

        Span<byte> bytes = stackalloc byte[text.Length];
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] > 0x7F)
            {
                value = 0;
                return false;
            }

            bytes[i] = (byte)text[i];
        }

        return TryParse(bytes, tolerateInnerSpaces, out value);
    }

    private static bool TryParseSimple(ReadOnlySpan<byte> text, out double value)
    {
        value = 0;
        int i = 0;
        bool negative = false;
        if (i < text.Length && (text[i] == (byte)'-' || text[i] == (byte)'+'))
        {
            negative = text[i] == (byte)'-';
            i++;
        }

        long mantissa = 0;
        int digits = 0;
        int fractionDigits = 0;
        bool seenPoint = false;
        for (; i < text.Length; i++)
        {
            uint d = (uint)(text[i] - '0');
            if (d <= 9)
            {
                if (digits >= 15)
                {
                    return false;
                }

                mantissa = (mantissa * 10) + d;
                if (mantissa != 0 || seenPoint)
                {
                    digits++;
                }

                if (seenPoint)
                {
                    fractionDigits++;
                }
            }
            else if (text[i] == (byte)'.' && !seenPoint)
            {
                seenPoint = true;
            }
            else
            {
                return false;
            }
        }

        int totalDigitCharacters = text.Length - (negative || (text.Length > 0 && text[0] == (byte)'+') ? 1 : 0) - (seenPoint ? 1 : 0);
        if (totalDigitCharacters == 0 || fractionDigits >= PowersOfTen.Length)
        {
            return false;
        }

        double result = fractionDigits == 0 ? mantissa : mantissa / PowersOfTen[fractionDigits];
        value = negative ? -result : result;
        return true;
    }
}

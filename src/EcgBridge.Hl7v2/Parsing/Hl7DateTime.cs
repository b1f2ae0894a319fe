using System.Globalization;

namespace EcgBridge.Hl7v2.Parsing;

/// <summary>HL7 DTM/TS values: <c>YYYY[MM[DD[HH[MM[SS[.S[S[S[S]]]]]]]]][+/-ZZZZ]</c>. Without an offset, UTC is assumed.</summary>
public static class Hl7DateTime
{
    /// <summary>Parses a DTM value.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        value = default;
        text = text.Trim();
        TimeSpan offset = TimeSpan.Zero;
        int sign = text.IndexOfAny('+', '-');
        if (sign >= 0)
        {
            ReadOnlySpan<char> zone = text[(sign + 1)..];
            if (zone.Length != 4 || !int.TryParse(zone[..2], NumberStyles.None, CultureInfo.InvariantCulture, out int zh)
                || !int.TryParse(zone[2..], NumberStyles.None, CultureInfo.InvariantCulture, out int zm) || zh > 14 || zm > 59)
            {
                return false;
            }

            offset = new TimeSpan(zh, zm, 0);
            if (text[sign] == '-')
            {
                offset = -offset;
            }

            text = text[..sign];
        }

        ReadOnlySpan<char> fraction = default;
        int point = text.IndexOf('.');
        if (point >= 0)
        {
            fraction = text[(point + 1)..];
            text = text[..point];
            if (text.Length != 14 || fraction.Length is 0 or > 4)
            {
                return false;
            }
        }

        if (text.Length is < 4 or > 14 || text.Length % 2 != 0)
        {
            return false;
        }

        foreach (char c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        int year = Number(text, 0, 4, 0);
        int month = Number(text, 4, 2, 1);
        int day = Number(text, 6, 2, 1);
        int hour = Number(text, 8, 2, 0);
        int minute = Number(text, 10, 2, 0);
        int second = Number(text, 12, 2, 0);
        long ticks = 0;
        if (!fraction.IsEmpty)
        {
            if (!int.TryParse(fraction, NumberStyles.None, CultureInfo.InvariantCulture, out int f))
            {
                return false;
            }

            ticks = f * (long)Math.Pow(10, 7 - fraction.Length);
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        try
        {
            value = new DateTimeOffset(year, month, day, hour, minute, second, offset).AddTicks(ticks);
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            // Offsets that push the instant outside DateTimeOffset's range.
            return false;
        }
    }

    /// <summary>Formats as <c>yyyyMMddHHmmss[.ffff]+ZZZZ</c>.</summary>
    public static string Format(DateTimeOffset value)
    {
        string core = value.ToString(value.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyyMMddHHmmss" : "yyyyMMddHHmmss.ffff", CultureInfo.InvariantCulture);
        TimeSpan offset = value.Offset;
        char sign = offset < TimeSpan.Zero ? '-' : '+';
        offset = offset.Duration();
        return string.Create(CultureInfo.InvariantCulture, $"{core}{sign}{offset.Hours:00}{offset.Minutes:00}");
    }

    private static int Number(ReadOnlySpan<char> text, int start, int length, int missing) =>
        text.Length >= start + length ? int.Parse(text.Slice(start, length), NumberStyles.None, CultureInfo.InvariantCulture) : missing;
}

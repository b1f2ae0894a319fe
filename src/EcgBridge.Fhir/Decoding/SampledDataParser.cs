using System.Globalization;

namespace EcgBridge.Fhir.Decoding;

/// <summary>
/// Parses SampledData.data ("2041 2043 E 2037 …") straight from the string with spans: Firely has already checked the
/// structure, and parsing 60 000 points through POCO primitives would dominate the decode time.
/// </summary>
internal static class SampledDataParser
{
    /// <summary>Scale of one SampledData: mV = (origin + factor × datum) × unitFactor; L/U map to the limits.</summary>
    internal readonly record struct Scale(double Origin, double Factor, double UnitFactor, double LowerMillivolts, double UpperMillivolts);

    internal enum Outcome
    {
        Ok = 0,
        NotNumeric = 1,
    }

    /// <summary>Upper bound of the number of points (separators + 1), to size the destination without a parse pass.</summary>
    public static int MaxPointCount(ReadOnlySpan<char> data) =>
        data.Count(' ') + data.Count('\n') + data.Count('\t') + data.Count('\r') + data.Count('\u00A0') + 1;

    /// <summary>
    /// Parses every point into <paramref name="destination"/> in mV. E → NaN; L/U → the limit (NaN when the limit is
    /// absent); <paramref name="invalidPoints"/> counts points that became NaN.
    /// </summary>
    public static Outcome Parse(ReadOnlySpan<char> data, in Scale scale, Span<double> destination, out int count, out int invalidPoints)
    {
        count = 0;
        invalidPoints = 0;
        int position = 0;
        while (position < data.Length)
        {
            char c = data[position];
            if (IsSeparator(c))
            {
                position++;
                continue;
            }

            int start = position;
            while (position < data.Length && !IsSeparator(data[position]))
            {
                position++;
            }

            ReadOnlySpan<char> token = data[start..position];
            double value;
            if (TryParseFast(token, out double datum) || double.TryParse(token, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out datum))
            {
                value = (scale.Origin + (scale.Factor * datum)) * scale.UnitFactor;
            }
            else if (token.Length == 1 && token[0] is 'E' or 'L' or 'U')
            {
                value = token[0] switch
                {
                    'L' => scale.LowerMillivolts,
                    'U' => scale.UpperMillivolts,
                    _ => double.NaN,
                };
                if (double.IsNaN(value))
                {
                    invalidPoints++;
                }
            }
            else
            {
                return Outcome.NotNumeric;
            }

            if (count == destination.Length)
            {
                return Outcome.NotNumeric;
            }

            destination[count++] = value;
        }

        return Outcome.Ok;
    }

    // FHIR says "separated by a single space"; real examples (the PHD IG's RTSA example) also carry line breaks, tabs and
    // no-break spaces between points. Tolerated: they separate points unambiguously.
    private static bool IsSeparator(char c) => c is ' ' or '\n' or '\r' or '\t' or '\u00A0';

    /// <summary>
    /// Integers and plain decimals ("-12", "0.125") without exponent. Mantissa and power of ten are exact doubles, so the
    /// single division is correctly rounded: the same result as double.Parse.
    /// </summary>
    private static bool TryParseFast(ReadOnlySpan<char> token, out double value)
    {
        value = 0;
        int i = 0;
        bool negative = false;
        if (token.Length > 0 && token[0] == '-')
        {
            negative = true;
            i = 1;
        }

        if (i >= token.Length || token.Length - i > 15)
        {
            return false;
        }

        long mantissa = 0;
        int fractionDigits = 0;
        bool seenPoint = false;
        bool seenDigit = false;
        for (; i < token.Length; i++)
        {
            char c = token[i];
            if (char.IsAsciiDigit(c))
            {
                mantissa = (mantissa * 10) + (c - '0');
                seenDigit = true;
                if (seenPoint)
                {
                    fractionDigits++;
                }
            }
            else if (c == '.' && !seenPoint && seenDigit)
            {
                seenPoint = true;
            }
            else
            {
                return false;
            }
        }

        if (!seenDigit || (seenPoint && fractionDigits == 0))
        {
            return false;
        }

        double result = mantissa;
        if (fractionDigits > 0)
        {
            result /= PowersOfTen[fractionDigits];
        }

        value = negative ? -result : result;
        return true;
    }

    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    ];
}

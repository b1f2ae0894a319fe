using System.Globalization;

namespace EcgBridge.Core;

/// <summary>
/// Voltage units to millivolts: mV, uV/µV, V, MDC unit codes (266418 MDC_DIM_MILLI_VOLT, 266432 MDC_DIM_MICRO_VOLT),
/// UCUM forms, and scale strings such as Philips <c>10.mV/4096</c> (10 mV per 4096 counts).
/// Feed-specific spellings belong in mapping profiles; this is the default table.
/// </summary>
public static class Units
{
    private static readonly Dictionary<string, double> Table = new(StringComparer.OrdinalIgnoreCase)
    {
        ["mV"] = 1.0,
        ["millivolt"] = 1.0,
        ["MDC_DIM_MILLI_VOLT"] = 1.0,
        ["266418"] = 1.0,
        ["uV"] = 1e-3,
        ["µV"] = 1e-3,
        ["μV"] = 1e-3,
        ["microvolt"] = 1e-3,
        ["MDC_DIM_MICRO_VOLT"] = 1e-3,
        ["266432"] = 1e-3,
        ["V"] = 1e3,
        ["volt"] = 1e3,
        ["MDC_DIM_VOLT"] = 1e3,
        ["266368"] = 1e3,
        ["nV"] = 1e-6,
        ["MDC_DIM_NANO_VOLT"] = 1e-6,
        ["266435"] = 1e-6,
    };

    /// <summary>
    /// Finds the factor that turns one unit of <paramref name="unit"/> into mV. Accepts plain units and scale strings
    /// of the form <c>&lt;number&gt;[.]&lt;unit&gt;/&lt;counts&gt;</c> (for example <c>10.mV/4096</c>, <c>2.5uV</c>).
    /// </summary>
    public static bool TryGetMillivoltFactor(ReadOnlySpan<char> unit, out double factor)
    {
        ReadOnlySpan<char> text = unit.Trim();
        factor = 0;
        if (text.IsEmpty)
        {
            return false;
        }

        Dictionary<string, double>.AlternateLookup<ReadOnlySpan<char>> lookup = Table.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(text, out factor))
        {
            return true;
        }

        // Scale strings: "<number>[.]<unit>[/<divisor>]".
        double divisor = 1.0;
        int slash = text.IndexOf('/');
        if (slash >= 0)
        {
            if (!double.TryParse(text[(slash + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out divisor) || divisor <= 0)
            {
                return false;
            }

            text = text[..slash];
        }

        int unitStart = 0;
        while (unitStart < text.Length && (char.IsAsciiDigit(text[unitStart]) || text[unitStart] == '.'))
        {
            unitStart++;
        }

        ReadOnlySpan<char> numberPart = text[..unitStart].TrimEnd('.');
        ReadOnlySpan<char> unitPart = text[unitStart..].Trim();
        double multiplier = 1.0;
        if (!numberPart.IsEmpty && !double.TryParse(numberPart, NumberStyles.Float, CultureInfo.InvariantCulture, out multiplier))
        {
            return false;
        }

        if (unitPart.IsEmpty || !lookup.TryGetValue(unitPart, out double unitFactor))
        {
            factor = 0;
            return false;
        }

        factor = multiplier * unitFactor / divisor;
        return double.IsFinite(factor) && factor > 0;
    }
}

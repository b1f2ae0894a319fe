using System.Globalization;

namespace EcgBridge.Host.Http;

/// <summary>
/// The FHIR <c>date</c> search parameter on RiskAssessment.occurrence: prefixes eq (default), ge, gt, le, lt with
/// precision year, month, day or instant; each value narrows [from, before).
/// </summary>
internal static class FhirDateSearch
{
    public static bool TryApply(string value, ref DateTimeOffset? from, ref DateTimeOffset? before)
    {
        string prefix = value.Length > 2 && char.IsAsciiLetterLower(value[0]) ? value[..2] : "eq";
        string text = prefix == "eq" && !value.StartsWith("eq", StringComparison.Ordinal) ? value : value[2..];
        if (!TryParseRange(text, out DateTimeOffset start, out DateTimeOffset end))
        {
            return false;
        }

        switch (prefix)
        {
            case "eq":
                from = Max(from, start);
                before = Min(before, end);
                return true;
            case "ge":
                from = Max(from, start);
                return true;
            case "gt":
                from = Max(from, end);
                return true;
            case "lt":
                before = Min(before, start);
                return true;
            case "le":
                before = Min(before, end);
                return true;
            default:
                return false;
        }
    }

    private static bool TryParseRange(string text, out DateTimeOffset start, out DateTimeOffset end)
    {
        CultureInfo invariant = CultureInfo.InvariantCulture;
        DateTimeStyles utc = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        end = default;
        switch (text.Length)
        {
            case 4 when DateTimeOffset.TryParseExact(text, "yyyy", invariant, utc, out start):
                end = start.AddYears(1);
                return true;
            case 7 when DateTimeOffset.TryParseExact(text, "yyyy-MM", invariant, utc, out start):
                end = start.AddMonths(1);
                return true;
            case 10 when DateTimeOffset.TryParseExact(text, "yyyy-MM-dd", invariant, utc, out start):
                end = start.AddDays(1);
                return true;
            default:
                if (text.Length > 10 && DateTimeOffset.TryParse(text, invariant, utc, out start))
                {
                    end = start.AddTicks(10);
                    return true;
                }

                start = default;
                return false;
        }
    }

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset b) => a is null || b > a ? b : a;

    private static DateTimeOffset? Min(DateTimeOffset? a, DateTimeOffset b) => a is null || b < a ? b : a;
}

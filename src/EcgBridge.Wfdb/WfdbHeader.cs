using System.Globalization;
using EcgBridge.Core.Issues;

namespace EcgBridge.Wfdb;

/// <summary>A parsed WFDB header (.hea): record line and signal lines. Comment lines (which may hold PHI) are skipped.</summary>
public sealed record WfdbHeader(string RecordName, double SampleRateHz, int SampleCount, IReadOnlyList<WfdbSignalSpec> Signals)
{
    /// <summary>Parses header text; false with issues when it is malformed.</summary>
    public static bool TryParse(string text, IssueList issues, out WfdbHeader? header)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(issues);
        header = null;
        string[] lines = text.Replace("\r", "", StringComparison.Ordinal).Split('\n');
        int lineNumber = 0;
        string[]? record = null;
        var signals = new List<WfdbSignalSpec>();
        int signalCount = 0;
        foreach (string raw in lines)
        {
            lineNumber++;
            string line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            string[] parts = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (record is null)
            {
                record = parts;
                if (parts.Length < 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out signalCount) || signalCount <= 0)
                {
                    issues.Error(WfdbCodes.HeaderInvalid, $"line {lineNumber}");
                    return false;
                }

                continue;
            }

            if (signals.Count == signalCount)
            {
                break;
            }

            if (!TryParseSignal(parts, out WfdbSignalSpec? spec))
            {
                issues.Error(WfdbCodes.HeaderInvalid, $"line {lineNumber}");
                return false;
            }

            signals.Add(spec!);
        }

        if (record is null || signals.Count != signalCount)
        {
            issues.Error(WfdbCodes.HeaderInvalid, record is null ? "record line" : $"signal {signals.Count + 1}");
            return false;
        }

        string name = record[0].Split('/')[0];
        double rate = 250;
        int samples = 0;
        if (record.Length > 2)
        {
            // The frequency field may carry "/counter(base)"; the sampling frequency is the part before '/'.
            string rateText = record[2].Split('/')[0];
            if (!double.TryParse(rateText, NumberStyles.Float, CultureInfo.InvariantCulture, out rate) || rate <= 0)
            {
                issues.Error(WfdbCodes.HeaderInvalid, "record line: sampling frequency");
                return false;
            }
        }

        if (record.Length > 3 && !int.TryParse(record[3], NumberStyles.None, CultureInfo.InvariantCulture, out samples))
        {
            issues.Error(WfdbCodes.HeaderInvalid, "record line: number of samples");
            return false;
        }

        header = new WfdbHeader(name, rate, samples, signals);
        return true;
    }

    private static bool TryParseSignal(string[] parts, out WfdbSignalSpec? spec)
    {
        spec = null;
        if (parts.Length < 2)
        {
            return false;
        }

        // Format field: "16", "16x1+24" (samples per frame x1, byte offset 24), "16+24".
        string formatText = parts[1];
        int offset = 0;
        int plus = formatText.IndexOf('+', StringComparison.Ordinal);
        if (plus >= 0)
        {
            if (!int.TryParse(formatText.AsSpan(plus + 1), NumberStyles.None, CultureInfo.InvariantCulture, out offset))
            {
                return false;
            }

            formatText = formatText[..plus];
        }

        int x = formatText.IndexOfAny([':', 'x']);
        if (x >= 0)
        {
            if (formatText[x] == 'x' && formatText[(x + 1)..] != "1")
            {
                return false;
            }

            formatText = formatText[..x];
        }

        if (!int.TryParse(formatText, NumberStyles.None, CultureInfo.InvariantCulture, out int format))
        {
            return false;
        }

        double gain = 200;
        int baseline = 0;
        string units = "mV";
        bool baselineGiven = false;
        if (parts.Length > 2)
        {
            string gainText = parts[2];
            int slash = gainText.IndexOf('/', StringComparison.Ordinal);
            if (slash >= 0)
            {
                units = gainText[(slash + 1)..];
                gainText = gainText[..slash];
            }

            int paren = gainText.IndexOf('(', StringComparison.Ordinal);
            if (paren >= 0)
            {
                int close = gainText.IndexOf(')', paren);
                if (close < 0 || !int.TryParse(gainText.AsSpan(paren + 1, close - paren - 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out baseline))
                {
                    return false;
                }

                baselineGiven = true;
                gainText = gainText[..paren];
            }

            if (!double.TryParse(gainText, NumberStyles.Float, CultureInfo.InvariantCulture, out gain))
            {
                return false;
            }

            if (gain == 0)
            {
                gain = 200;
            }
        }

        // Without an explicit baseline, WFDB uses the ADC zero (field 5).
        if (!baselineGiven && parts.Length > 4 && int.TryParse(parts[4], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int adcZero))
        {
            baseline = adcZero;
        }

        string description = parts.Length > 8 ? string.Join(' ', parts[8..]) : "";
        spec = new WfdbSignalSpec(parts[0], format, offset, gain, baseline, units, description);
        return true;
    }
}

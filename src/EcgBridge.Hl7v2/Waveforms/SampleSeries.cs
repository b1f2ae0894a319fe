using EcgBridge.Hl7v2.Parsing;

namespace EcgBridge.Hl7v2.Waveforms;

/// <summary>Parses delimiter-separated sample lists straight from message bytes into mV arrays.</summary>
internal static class SampleSeries
{
    /// <summary>
    /// Parses <paramref name="raw"/> split on <paramref name="separator"/>; value = (x − baseline) × factor. One trailing
    /// separator is tolerated. False on the first invalid value (no partial values are returned).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> raw, byte separator, bool tolerateSpaces, double factor, double baseline, out double[] samples)
    {
        raw = raw.TrimEnd((byte)' ');
        if (!raw.IsEmpty && raw[^1] == separator)
        {
            raw = raw[..^1];
        }

        if (raw.Trim((byte)' ').IsEmpty)
        {
            samples = [];
            return false;
        }

        int count = raw.Count(separator) + 1;
        samples = new double[count];
        for (int i = 0; i < count; i++)
        {
            int end = raw.IndexOf(separator);
            ReadOnlySpan<byte> token = end < 0 ? raw : raw[..end];
            if (!Hl7Numbers.TryParse(token, tolerateSpaces, out double value))
            {
                samples = [];
                return false;
            }

            samples[i] = (value - baseline) * factor;
            raw = end < 0 ? default : raw[(end + 1)..];
        }

        return true;
    }
}

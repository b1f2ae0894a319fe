using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using EcgBridge.Core;

namespace EcgBridge.Wfdb;

/// <summary>
/// Writes a recording as a WFDB record: <c>&lt;name&gt;.hea</c> plus one interleaved format-16 <c>&lt;name&gt;.dat</c>
/// (little-endian int16, baseline 0, units mV). <see cref="WfdbRecordReader"/> reads it back; so does PhysioNet's wfdb.
/// </summary>
public static class WfdbRecordWriter
{
    /// <summary>Default gain: 1000 ADC units per mV (1 µV resolution, ±32.767 mV range).</summary>
    public const double DefaultGainPerMillivolt = 1000;

    /// <summary>
    /// Writes the record into <paramref name="directory"/> and returns the header path. Samples are rounded to the gain's
    /// resolution and clipped to ±32767 ADC units; NaN becomes -32768, WFDB's invalid-sample marker.
    /// </summary>
    public static string Write(string directory, string recordName, EcgRecording recording, double gainPerMillivolt = DefaultGainPerMillivolt)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(recordName);
        ArgumentNullException.ThrowIfNull(recording);
        if (recordName.Length == 0 || recordName.AsSpan().IndexOfAny(" \t/\\") >= 0)
        {
            throw new ArgumentException("A WFDB record name is non-empty and has no spaces or path separators.", nameof(recordName));
        }

        if (!(gainPerMillivolt > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(gainPerMillivolt), "The gain must be positive.");
        }

        int channels = recording.Leads.Count;
        int count = recording.SampleCount;
        var data = new byte[channels * count * 2];
        var checksums = new short[channels];
        var initial = new short[channels];
        for (int c = 0; c < channels; c++)
        {
            double[] samples = recording.Leads[c].Samples;
            short sum = 0;
            for (int i = 0; i < count; i++)
            {
                short adc = ToAdc(i < samples.Length ? samples[i] : double.NaN, gainPerMillivolt);
                BinaryPrimitives.WriteInt16LittleEndian(data.AsSpan(((i * channels) + c) * 2, 2), adc);
                sum = unchecked((short)(sum + adc));
                if (i == 0)
                {
                    initial[c] = adc;
                }
            }

            checksums[c] = sum;
        }

        string datName = recordName + ".dat";
        var header = new StringBuilder();
        header.Append(CultureInfo.InvariantCulture, $"{recordName} {channels} {recording.SampleRateHz.ToString("R", CultureInfo.InvariantCulture)} {count}\n");
        string gain = gainPerMillivolt.ToString("R", CultureInfo.InvariantCulture);
        for (int c = 0; c < channels; c++)
        {
            header.Append(CultureInfo.InvariantCulture,
                $"{datName} 16 {gain}(0)/mV 16 0 {initial[c]} {checksums[c]} 0 {LeadCatalog.DisplayName(recording.Leads[c].Lead)}\n");
        }

        Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, datName), data);
        string headerPath = Path.Combine(directory, recordName + ".hea");
        File.WriteAllText(headerPath, header.ToString(), new UTF8Encoding(false));
        return headerPath;
    }

    private static short ToAdc(double millivolts, double gain)
    {
        if (double.IsNaN(millivolts))
        {
            return short.MinValue;
        }

        double adc = Math.Round(millivolts * gain, MidpointRounding.AwayFromZero);
        return (short)Math.Clamp(adc, short.MinValue + 1, short.MaxValue);
    }
}

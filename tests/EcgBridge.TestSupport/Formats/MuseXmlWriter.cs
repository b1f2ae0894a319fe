using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using EcgBridge.Core;

namespace EcgBridge.TestSupport.Formats;

/// <summary>
/// Writes GE MUSE RestingECG XML test files from int16 counts (the structure documented in shared/formats/ECG-FORMATS.md):
/// ISO-8859-1 with the DOCTYPE line, a Median and a Rhythm waveform, 8 stored leads, Base64 wrapped at 76 characters,
/// LeadDataCRC32. Test data only; no MUSE file is available to copy.
/// </summary>
public static class MuseXmlWriter
{
    /// <summary>The 8 leads MUSE stores.</summary>
    public static readonly Lead[] StoredLeads = [Lead.I, Lead.II, Lead.V1, Lead.V2, Lead.V3, Lead.V4, Lead.V5, Lead.V6];

    /// <summary>Quantizes a recording's stored leads to counts of <paramref name="microvoltsPerBit"/>.</summary>
    public static Dictionary<Lead, short[]> Quantize(EcgRecording recording, double microvoltsPerBit)
    {
        ArgumentNullException.ThrowIfNull(recording);
        var counts = new Dictionary<Lead, short[]>();
        foreach (Lead lead in StoredLeads)
        {
            LeadSignal signal = recording.Find(lead) ?? throw new ArgumentException("recording lacks lead " + lead, nameof(recording));
            counts[lead] = [.. signal.Samples.Select(mv => (short)Math.Clamp(Math.Round(mv * 1000 / microvoltsPerBit), short.MinValue, short.MaxValue))];
        }

        return counts;
    }

    public static byte[] Write(
        IReadOnlyDictionary<Lead, short[]> leads,
        double sampleRateHz,
        double microvoltsPerBit = 4.88,
        string patientId = "MUSE-TEST-1",
        DateTime? acquired = null,
        bool rhythm = true,
        bool median = true,
        bool corruptCrc = false)
    {
        ArgumentNullException.ThrowIfNull(leads);
        DateTime when = acquired ?? new DateTime(2026, 11, 30, 14, 5, 9, DateTimeKind.Unspecified);
        var xml = new StringBuilder(256 * 1024);
        xml.Append("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\r\n");
        xml.Append("<!DOCTYPE RestingECG SYSTEM \"restecg.dtd\">\r\n");
        xml.Append("<RestingECG>\r\n<MuseInfo><MuseVersion>8.0.2.10132</MuseVersion></MuseInfo>\r\n");
        xml.Append("<PatientDemographics><PatientID>").Append(patientId).Append("</PatientID><PatientLastName>TEST</PatientLastName></PatientDemographics>\r\n");
        xml.Append("<TestDemographics><DataType>RESTING</DataType><Site>1</Site><AcquisitionDevice>MAC55</AcquisitionDevice>")
            .Append(CultureInfo.InvariantCulture, $"<AcquisitionTime>{when:HH:mm:ss}</AcquisitionTime><AcquisitionDate>{when:MM-dd-yyyy}</AcquisitionDate>")
            .Append("</TestDemographics>\r\n");
        if (median)
        {
            var beat = leads.ToDictionary(p => p.Key, p => p.Value.Take(Math.Min(600, p.Value.Length)).ToArray());
            AppendWaveform(xml, "Median", beat, sampleRateHz, microvoltsPerBit, corruptCrc: false);
        }

        if (rhythm)
        {
            AppendWaveform(xml, "Rhythm", leads, sampleRateHz, microvoltsPerBit, corruptCrc);
        }

        xml.Append("</RestingECG>\r\n");
        return Encoding.Latin1.GetBytes(xml.ToString());
    }

    private static void AppendWaveform(StringBuilder xml, string type, IReadOnlyDictionary<Lead, short[]> leads, double rate, double microvoltsPerBit, bool corruptCrc)
    {
        xml.Append(CultureInfo.InvariantCulture, $"<Waveform><WaveformType>{type}</WaveformType><WaveformStartTime>0</WaveformStartTime><NumberofLeads>{leads.Count}</NumberofLeads>");
        xml.Append(CultureInfo.InvariantCulture, $"<SampleType>CONTINUOUS_SAMPLES</SampleType><SampleBase>{rate}</SampleBase><SampleExponent>0</SampleExponent><HighPassFilter>16</HighPassFilter><LowPassFilter>150</LowPassFilter><ACFilter>60</ACFilter>\r\n");
        foreach ((Lead lead, short[] samples) in leads)
        {
            byte[] bytes = new byte[samples.Length * 2];
            for (int i = 0; i < samples.Length; i++)
            {
                BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(i * 2), samples[i]);
            }

            uint crc = Crc32(bytes) ^ (corruptCrc ? 1u : 0u);
            string base64 = Convert.ToBase64String(bytes, Base64FormattingOptions.InsertLineBreaks);
            xml.Append(CultureInfo.InvariantCulture, $"<LeadData><LeadByteCountTotal>{bytes.Length}</LeadByteCountTotal><LeadTimeOffset>0</LeadTimeOffset><LeadSampleCountTotal>{samples.Length}</LeadSampleCountTotal>");
            xml.Append(CultureInfo.InvariantCulture, $"<LeadAmplitudeUnitsPerBit>{microvoltsPerBit}</LeadAmplitudeUnitsPerBit><LeadAmplitudeUnits>MICROVOLTS</LeadAmplitudeUnits><LeadHighLimit>32767</LeadHighLimit><LeadLowLimit>-32768</LeadLowLimit>");
            xml.Append(CultureInfo.InvariantCulture, $"<LeadID>{LeadCatalog.DisplayName(lead)}</LeadID><LeadOffsetFirstSample>0</LeadOffsetFirstSample><FirstSampleBaseline>0</FirstSampleBaseline><LeadSampleSize>2</LeadSampleSize><LeadOff>FALSE</LeadOff><BaselineSway>FALSE</BaselineSway>");
            xml.Append(CultureInfo.InvariantCulture, $"<LeadDataCRC32>{crc}</LeadDataCRC32><WaveFormData>{base64}\r\n</WaveFormData></LeadData>\r\n");
        }

        xml.Append("</Waveform>\r\n");
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320 ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }
}

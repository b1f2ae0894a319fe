using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Xml.Linq;
using EcgBridge.Core;
using EcgBridge.Core.Decoding;
using EcgBridge.Core.Issues;
using EcgBridge.Core.Mapping;
using EcgBridge.Formats.Xml;

namespace EcgBridge.Formats.Muse;

/// <summary>
/// GE MUSE RestingECG XML → <see cref="EcgRecording"/>: the Rhythm waveform (Median only when the profile's
/// <c>waveformType</c> option says so), its stored leads (usually I, II, V1–V6; the normalizer derives III, aVR, aVL,
/// aVF), per lead µV = (sample + FirstSampleBaseline) × LeadAmplitudeUnitsPerBit, Base64 little-endian int16 wrapped
/// over lines, LeadDataCRC32 checked when present. Times are local: the profile's <c>timeZone</c> places them.
/// </summary>
public sealed class GeMuseXmlDecoder : IEcgDecoder
{
    /// <inheritdoc />
    public MappingFormat Format => MappingFormat.GeMuseXml;

    /// <inheritdoc />
    public bool TryDecode(ReadOnlyMemory<byte> content, MappingProfile profile, IssueList issues, [NotNullWhen(true)] out EcgRecording? recording)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(issues);
        recording = null;
        if (!SafeXml.TryLoad(content, "RestingECG", issues, out XElement? root))
        {
            return false;
        }

        if (root.Name.LocalName != "RestingECG")
        {
            issues.Error(XmlCodes.RootUnexpected, root.Name.LocalName.Length <= 64 ? root.Name.LocalName : "root");
            return false;
        }

        string wanted = profile.Options.TryGetValue("waveformType", out string? type) && !string.IsNullOrWhiteSpace(type) ? type.Trim() : "Rhythm";
        XElement? waveform = null;
        bool anyMedian = false;
        foreach (XElement candidate in root.Elements("Waveform"))
        {
            string? kind = Text(candidate, "WaveformType");
            anyMedian |= string.Equals(kind, "Median", StringComparison.OrdinalIgnoreCase);
            if (string.Equals(kind, wanted, StringComparison.OrdinalIgnoreCase))
            {
                waveform = candidate;
                break;
            }
        }

        string location = $"Waveform[{wanted}]";
        if (waveform is null)
        {
            issues.Error(anyMedian && !string.Equals(wanted, "Median", StringComparison.OrdinalIgnoreCase) ? MuseCodes.MedianOnly : MuseCodes.WaveformMissing, location);
            return false;
        }

        if (!TryRate(waveform, out double rate))
        {
            issues.Error(MuseCodes.SampleRateInvalid, location + "/SampleBase");
            return false;
        }

        int errorsBefore = issues.ErrorCount;
        var leads = new List<LeadSignal>(8);
        foreach (XElement leadData in waveform.Elements("LeadData"))
        {
            string label = Text(leadData, "LeadID") ?? "";
            string leadLocation = $"{location}/LeadData[{(label.Length is > 0 and <= 8 ? label : "?")}]";
            if (!profile.TryMapLead(label, out Lead lead))
            {
                issues.Warning(EcgCodes.LeadUnknown, leadLocation + "/LeadID");
                continue;
            }

            if (TryDecodeLead(leadData, leadLocation, issues, out double[]? samples))
            {
                leads.Add(new LeadSignal(lead, samples) { SourceLocation = leadLocation });
            }
        }

        if (issues.ErrorCount > errorsBefore)
        {
            return false;
        }

        if (leads.Count == 0)
        {
            issues.Error(EcgCodes.LeadsMissing, location + "/LeadData");
            return false;
        }

        XElement? patient = root.Element("PatientDemographics");
        XElement? test = root.Element("TestDemographics");
        recording = new EcgRecording(leads, rate)
        {
            AcquisitionTime = FormatTime.Localize(AcquisitionTime(test), profile, "TestDemographics/AcquisitionTime", issues),
            Source = new EcgSource
            {
                SendingApplication = "GE MUSE",
                PatientId = Text(patient, "PatientID"),
                DeviceId = Text(test, "AcquisitionDevice"),
            },
        };
        return true;
    }

    private static bool TryDecodeLead(XElement leadData, string location, IssueList issues, [NotNullWhen(true)] out double[]? samples)
    {
        samples = null;
        if (Text(leadData, "LeadSampleSize") is { } size && size.Trim() != "2")
        {
            issues.Error(MuseCodes.SampleSizeUnsupported, location + "/LeadSampleSize");
            return false;
        }

        if (!double.TryParse(Text(leadData, "LeadAmplitudeUnitsPerBit"), NumberStyles.Float, CultureInfo.InvariantCulture, out double unitsPerBit) || !(unitsPerBit > 0) || double.IsInfinity(unitsPerBit))
        {
            issues.Error(MuseCodes.ScaleInvalid, location + "/LeadAmplitudeUnitsPerBit");
            return false;
        }

        double millivoltsPerUnit = Text(leadData, "LeadAmplitudeUnits")?.Trim().ToUpperInvariant() switch
        {
            "MICROVOLTS" or "MICROVOLT" or "UV" => 0.001,
            "MILLIVOLTS" or "MILLIVOLT" or "MV" => 1.0,
            "VOLTS" or "VOLT" or "V" => 1000.0,
            _ => double.NaN,
        };
        if (double.IsNaN(millivoltsPerUnit))
        {
            issues.Error(MuseCodes.UnitsUnknown, location + "/LeadAmplitudeUnits");
            return false;
        }

        int baseline = int.TryParse(Text(leadData, "FirstSampleBaseline"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int b) ? b : 0;
        string data = Text(leadData, "WaveFormData") ?? "";
        byte[] bytes = ArrayPool<byte>.Shared.Rent(Math.Max(4, data.Length));
        try
        {
            if (!TryBase64(data, bytes, out int length))
            {
                issues.Error(MuseCodes.DataInvalid, location + "/WaveFormData");
                return false;
            }

            int count = length / 2;
            bool countDeclared = int.TryParse(Text(leadData, "LeadSampleCountTotal"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int declared);
            bool bytesDeclared = int.TryParse(Text(leadData, "LeadByteCountTotal"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int declaredBytes);
            if (length % 2 != 0 || count == 0 || (countDeclared && declared != count) || (bytesDeclared && declaredBytes != length))
            {
                issues.Error(MuseCodes.LengthMismatch, location + "/WaveFormData");
                return false;
            }

            if (Text(leadData, "LeadDataCRC32") is { Length: > 0 } crcText
                && uint.TryParse(crcText.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out uint crc)
                && Crc32.HashToUInt32(bytes.AsSpan(0, length)) != crc)
            {
                issues.Error(MuseCodes.CrcMismatch, location + "/LeadDataCRC32");
                return false;
            }

            double scale = unitsPerBit * millivoltsPerUnit;
            samples = new double[count];
            ReadOnlySpan<byte> span = bytes.AsSpan(0, length);
            for (int i = 0; i < count; i++)
            {
                samples[i] = (BinaryPrimitives.ReadInt16LittleEndian(span.Slice(i * 2, 2)) + baseline) * scale;
            }

            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    /// <summary>Base64 with line breaks and spaces between groups (how MUSE wraps it).</summary>
    private static bool TryBase64(string text, byte[] output, out int written)
    {
        written = 0;
        byte[] compact = ArrayPool<byte>.Shared.Rent(Math.Max(4, text.Length));
        try
        {
            int length = 0;
            foreach (char c in text)
            {
                if (c is ' ' or '\t' or '\r' or '\n')
                {
                    continue;
                }

                if (c > 0x7F)
                {
                    return false;
                }

                compact[length++] = (byte)c;
            }

            return Base64.DecodeFromUtf8(compact.AsSpan(0, length), output, out int consumed, out written) == OperationStatus.Done && consumed == length;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(compact);
        }
    }

    private static bool TryRate(XElement waveform, out double rate)
    {
        rate = 0;
        if (!double.TryParse(Text(waveform, "SampleBase"), NumberStyles.Float, CultureInfo.InvariantCulture, out double sampleBase))
        {
            return false;
        }

        int exponent = int.TryParse(Text(waveform, "SampleExponent"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int e) ? e : 0;
        rate = sampleBase * Math.Pow(10, exponent);
        return rate > 0 && !double.IsInfinity(rate);
    }

    private static DateTime? AcquisitionTime(XElement? test)
    {
        string? date = Text(test, "AcquisitionDate");
        if (date is null || !DateTime.TryParseExact(date.Trim(), "MM-dd-yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime day))
        {
            return null;
        }

        string? time = Text(test, "AcquisitionTime");
        return time is not null && TimeSpan.TryParseExact(time.Trim(), @"hh\:mm\:ss", CultureInfo.InvariantCulture, out TimeSpan clock) ? day + clock : day;
    }

    private static string? Text(XElement? parent, string name) => parent?.Element(name)?.Value;
}

using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using EcgBridge.Core;
using EcgBridge.Core.Decoding;
using EcgBridge.Core.Issues;
using EcgBridge.Core.Mapping;

namespace EcgBridge.Formats.Dicom;

/// <summary>
/// DICOM 12-Lead ECG and General ECG Waveform objects (Part 10 files; implicit or explicit VR little endian) →
/// <see cref="EcgRecording"/>: the RHYTHM multiplex group of the Waveform Sequence, 16-bit signed interleaved samples,
/// per channel mV = (sample + baseline) × sensitivity × correction factor × unit factor (pydicom's
/// <c>waveform_array</c> convention), channel sources mapped through the profile's aliases, then SCPECG and MDC codes.
/// </summary>
public sealed class DicomEcgDecoder : IEcgDecoder
{
    private const string ImplicitLittleEndian = "1.2.840.10008.1.2";
    private const string ExplicitLittleEndian = "1.2.840.10008.1.2.1";
    private const string TwelveLeadEcg = "1.2.840.10008.5.1.4.1.1.9.1.1";
    private const string GeneralEcg = "1.2.840.10008.5.1.4.1.1.9.1.2";

    // SCPECG (5.6.3-9-n) and MDC (2:n) lead codes as DICOM writes them.
    private static readonly Dictionary<string, Lead> SourceCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["5.6.3-9-1"] = Lead.I,
        ["5.6.3-9-2"] = Lead.II,
        ["5.6.3-9-61"] = Lead.III,
        ["5.6.3-9-62"] = Lead.AVR,
        ["5.6.3-9-63"] = Lead.AVL,
        ["5.6.3-9-64"] = Lead.AVF,
        ["5.6.3-9-3"] = Lead.V1,
        ["5.6.3-9-4"] = Lead.V2,
        ["5.6.3-9-5"] = Lead.V3,
        ["5.6.3-9-6"] = Lead.V4,
        ["5.6.3-9-7"] = Lead.V5,
        ["5.6.3-9-8"] = Lead.V6,
        ["2:1"] = Lead.I,
        ["2:2"] = Lead.II,
        ["2:61"] = Lead.III,
        ["2:62"] = Lead.AVR,
        ["2:63"] = Lead.AVL,
        ["2:64"] = Lead.AVF,
        ["2:3"] = Lead.V1,
        ["2:4"] = Lead.V2,
        ["2:5"] = Lead.V3,
        ["2:6"] = Lead.V4,
        ["2:7"] = Lead.V5,
        ["2:8"] = Lead.V6,
    };

    /// <inheritdoc />
    public MappingFormat Format => MappingFormat.DicomEcg;

    /// <inheritdoc />
    public bool TryDecode(ReadOnlyMemory<byte> content, MappingProfile profile, IssueList issues, [NotNullWhen(true)] out EcgRecording? recording)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(issues);
        recording = null;
        ReadOnlySpan<byte> data = content.Span;
        if (data.Length < 132 || !data.Slice(128, 4).SequenceEqual("DICM"u8))
        {
            issues.Error(DicomCodes.NotPart10, "preamble");
            return false;
        }

        // File meta: always explicit VR little endian, group 0002 only.
        int metaEnd = 132;
        while (metaEnd + 4 <= data.Length && BinaryPrimitives.ReadUInt16LittleEndian(data[metaEnd..]) == 0x0002)
        {
            if (metaEnd + 8 > data.Length)
            {
                break;
            }

            string vr = Encoding.ASCII.GetString(data.Slice(metaEnd + 4, 2));
            int header = vr is "OB" or "OW" or "UN" or "SQ" or "UT" ? 12 : 8;
            if (metaEnd + header > data.Length)
            {
                break;
            }

            long length = header == 12 ? BinaryPrimitives.ReadUInt32LittleEndian(data[(metaEnd + 8)..]) : BinaryPrimitives.ReadUInt16LittleEndian(data[(metaEnd + 6)..]);
            if (metaEnd + header + length > data.Length)
            {
                issues.Error(DicomCodes.LengthBeyondEnd, "(0002,xxxx)");
                return false;
            }

            metaEnd += header + (int)length;
        }

        var metaReader = new DicomDataSetReader(data, explicitVr: true, issues);
        if (!metaReader.TryRead(132, metaEnd, 0, untilDelimiter: false, "", out Dictionary<uint, DicomElement> meta, out _)
            || !meta.TryGetValue(0x00020010, out DicomElement? syntaxElement))
        {
            if (!issues.HasErrors)
            {
                issues.Error(DicomCodes.MetaMissing, "(0002,0010)");
            }

            return false;
        }

        string syntax = Text(data, syntaxElement);
        if (syntax is not (ImplicitLittleEndian or ExplicitLittleEndian))
        {
            issues.Error(DicomCodes.TransferSyntaxUnsupported, "(0002,0010)");
            return false;
        }

        var reader = new DicomDataSetReader(data, syntax == ExplicitLittleEndian, issues);
        if (!reader.TryRead(metaEnd, data.Length, 0, untilDelimiter: false, "", out Dictionary<uint, DicomElement> set, out _))
        {
            return false;
        }

        string? sopClass = TextOf(data, set, 0x00080016);
        if (sopClass is not (TwelveLeadEcg or GeneralEcg))
        {
            issues.Error(DicomCodes.SopClassUnsupported, "(0008,0016)");
            return false;
        }

        if (!set.TryGetValue(0x54000100, out DicomElement? waveforms) || waveforms.Items is not { Count: > 0 })
        {
            issues.Error(DicomCodes.WaveformMissing, "(5400,0100)");
            return false;
        }

        string wanted = profile.Options.TryGetValue("multiplexGroup", out string? group) && !string.IsNullOrWhiteSpace(group) ? group.Trim() : "RHYTHM";
        int groupIndex = -1;
        for (int i = 0; i < waveforms.Items.Count && groupIndex < 0; i++)
        {
            groupIndex = string.Equals(TextOf(data, waveforms.Items[i], 0x003A0020), wanted, StringComparison.OrdinalIgnoreCase) ? i : -1;
        }

        if (groupIndex < 0)
        {
            issues.Error(DicomCodes.RhythmMissing, "(5400,0100)");
            return false;
        }

        string location = $"(5400,0100)[{groupIndex + 1}]";
        Dictionary<uint, DicomElement> multiplex = waveforms.Items[groupIndex];
        if (!TryDecodeGroup(data, multiplex, profile, location, issues, out List<LeadSignal>? leads, out double rate))
        {
            return false;
        }

        recording = new EcgRecording(leads, rate)
        {
            AcquisitionTime = FormatTime.Localize(AcquisitionTime(data, set), profile, "(0008,002A)", issues),
            Source = new EcgSource
            {
                SendingApplication = "DICOM",
                PatientId = TextOf(data, set, 0x00100020),
                ObservationId = TextOf(data, set, 0x00080018),
                DeviceId = TextOf(data, set, 0x00081090),
            },
        };
        return true;
    }

    private static bool TryDecodeGroup(
        ReadOnlySpan<byte> data, Dictionary<uint, DicomElement> multiplex, MappingProfile profile, string location, IssueList issues,
        [NotNullWhen(true)] out List<LeadSignal>? leads, out double rate)
    {
        leads = null;
        rate = 0;
        int channels = UShort(data, multiplex, 0x003A0005);
        long samples = multiplex.TryGetValue(0x003A0010, out DicomElement? count) && count.Length >= 4 ? BinaryPrimitives.ReadUInt32LittleEndian(data[count.Offset..]) : 0;
        if (channels <= 0 || samples <= 0 || !double.TryParse(TextOf(data, multiplex, 0x003A001A), NumberStyles.Float, CultureInfo.InvariantCulture, out rate) || !(rate > 0))
        {
            issues.Error(DicomCodes.GroupInvalid, location);
            return false;
        }

        if (UShort(data, multiplex, 0x54001004) != 16 || !string.Equals(TextOf(data, multiplex, 0x54001006), "SS", StringComparison.Ordinal))
        {
            issues.Error(DicomCodes.SampleFormatUnsupported, location + "(5400,1004)");
            return false;
        }

        if (!multiplex.TryGetValue(0x54001010, out DicomElement? waveformData) || waveformData.Length != channels * samples * 2)
        {
            issues.Error(DicomCodes.DataLengthMismatch, location + "(5400,1010)");
            return false;
        }

        List<Dictionary<uint, DicomElement>> definitions = multiplex.TryGetValue(0x003A0200, out DicomElement? defs) && defs.Items is not null ? defs.Items : [];
        if (definitions.Count != channels)
        {
            issues.Error(DicomCodes.GroupInvalid, location + "(003A,0200)");
            return false;
        }

        int errorsBefore = issues.ErrorCount;
        leads = new List<LeadSignal>(channels);
        ReadOnlySpan<byte> wave = data.Slice(waveformData.Offset, waveformData.Length);
        for (int c = 0; c < channels; c++)
        {
            Dictionary<uint, DicomElement> definition = definitions[c];
            string channelLocation = $"{location}(003A,0200)[{c + 1}]";
            if (!TryLead(data, definition, profile, out Lead lead))
            {
                issues.Warning(DicomCodes.ChannelSourceUnknown, channelLocation + "(003A,0208)");
                continue;
            }

            if (!TryScale(data, definition, out double millivoltsPerCount, out double baseline))
            {
                issues.Error(DicomCodes.SensitivityInvalid, channelLocation + "(003A,0210)");
                continue;
            }

            double[] values = new double[samples];
            for (long s = 0; s < samples; s++)
            {
                short raw = BinaryPrimitives.ReadInt16LittleEndian(wave.Slice((int)(((s * channels) + c) * 2), 2));
                values[s] = (raw + baseline) * millivoltsPerCount;
            }

            leads.Add(new LeadSignal(lead, values) { SourceLocation = channelLocation });
        }

        if (issues.ErrorCount > errorsBefore)
        {
            leads = null;
            return false;
        }

        if (leads.Count == 0)
        {
            issues.Error(EcgCodes.LeadsMissing, location + "(003A,0200)");
            leads = null;
            return false;
        }

        return true;
    }

    private static bool TryLead(ReadOnlySpan<byte> data, Dictionary<uint, DicomElement> definition, MappingProfile profile, out Lead lead)
    {
        lead = default;
        if (!definition.TryGetValue(0x003A0208, out DicomElement? source) || source.Items is not { Count: > 0 })
        {
            return false;
        }

        Dictionary<uint, DicomElement> code = source.Items[0];
        string? value = TextOf(data, code, 0x00080100);
        string? meaning = TextOf(data, code, 0x00080104);
        if (value is not null && profile.LeadAliases.ContainsKey(value) && profile.TryMapLead(value, out lead))
        {
            return true;
        }

        if (value is not null && SourceCodes.TryGetValue(value, out lead))
        {
            return true;
        }

        return (meaning is not null && profile.TryMapLead(meaning, out lead)) || (value is not null && profile.TryMapLead(value, out lead));
    }

    private static bool TryScale(ReadOnlySpan<byte> data, Dictionary<uint, DicomElement> definition, out double millivoltsPerCount, out double baseline)
    {
        millivoltsPerCount = 0;
        baseline = double.TryParse(TextOf(data, definition, 0x003A0213), NumberStyles.Float, CultureInfo.InvariantCulture, out double b) ? b : 0;
        double correction = double.TryParse(TextOf(data, definition, 0x003A0212), NumberStyles.Float, CultureInfo.InvariantCulture, out double f) ? f : 1;
        if (!double.TryParse(TextOf(data, definition, 0x003A0210), NumberStyles.Float, CultureInfo.InvariantCulture, out double sensitivity) || !(sensitivity > 0)
            || !definition.TryGetValue(0x003A0211, out DicomElement? units) || units.Items is not { Count: > 0 }
            || !Units.TryGetMillivoltFactor(TextOf(data, units.Items[0], 0x00080100) ?? "", out double factor))
        {
            return false;
        }

        millivoltsPerCount = sensitivity * correction * factor;
        return !double.IsInfinity(millivoltsPerCount) && !double.IsNaN(baseline);
    }

    private static DateTime? AcquisitionTime(ReadOnlySpan<byte> data, Dictionary<uint, DicomElement> set)
    {
        string? stamp = TextOf(data, set, 0x0008002A);
        if (stamp is null)
        {
            string? date = TextOf(data, set, 0x00080023);
            string? time = TextOf(data, set, 0x00080033);
            stamp = date is null ? null : date + (time ?? "");
        }

        if (stamp is null || stamp.Length < 8)
        {
            return null;
        }

        string digits = stamp.Split('.', '+', '-')[0];
        digits = digits.Length >= 14 ? digits[..14] : digits.Length >= 12 ? digits[..12] : digits[..8];
        return DateTime.TryParseExact(digits, ["yyyyMMddHHmmss", "yyyyMMddHHmm", "yyyyMMdd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime value) ? value : null;
    }

    private static int UShort(ReadOnlySpan<byte> data, Dictionary<uint, DicomElement> set, uint tag) =>
        set.TryGetValue(tag, out DicomElement? element) && element.Length >= 2 ? BinaryPrimitives.ReadUInt16LittleEndian(data[element.Offset..]) : 0;

    private static string? TextOf(ReadOnlySpan<byte> data, Dictionary<uint, DicomElement> set, uint tag) =>
        set.TryGetValue(tag, out DicomElement? element) ? Text(data, element) : null;

    private static string Text(ReadOnlySpan<byte> data, DicomElement element) =>
        Encoding.Latin1.GetString(data.Slice(element.Offset, element.Length)).TrimEnd('\0', ' ').Trim();
}

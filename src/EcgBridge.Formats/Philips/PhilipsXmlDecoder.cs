using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Xml.Linq;
using EcgBridge.Core;
using EcgBridge.Core.Decoding;
using EcgBridge.Core.Issues;
using EcgBridge.Core.Mapping;
using EcgBridge.Formats.Xml;

namespace EcgBridge.Formats.Philips;

/// <summary>Decodes Philips SierraECG 1.03 and PhilipsECG 1.04 XML (Base64, XLI-compressed or not), limb leads rebuilt from residuals.</summary>
public sealed class PhilipsXmlDecoder : IEcgDecoder
{
    /// <summary>The Philips XML namespace.</summary>
    public const string Namespace = "http://www3.medical.philips.com";

    private static readonly XNamespace Ns = Namespace;
    private static readonly string[] DefaultLabels = ["I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6"];

    /// <inheritdoc />
    public MappingFormat Format => MappingFormat.PhilipsXml;

    /// <inheritdoc />
    public bool TryDecode(ReadOnlyMemory<byte> content, MappingProfile profile, IssueList issues, [NotNullWhen(true)] out EcgRecording? recording)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(issues);
        recording = null;
        if (!SafeXml.TryLoad(content, "restingecgdata", issues, out XElement? root))
        {
            return false;
        }

        if (root.Name != Ns + "restingecgdata")
        {
            issues.Error(XmlCodes.RootUnexpected, root.Name.LocalName.Length <= 64 ? root.Name.LocalName : "root");
            return false;
        }

        XElement? signal = root.Element(Ns + "dataacquisition")?.Element(Ns + "signalcharacteristics");
        XElement? waveforms = root.Element(Ns + "waveforms")?.Element(Ns + "parsedwaveforms");
        if (waveforms is null)
        {
            issues.Error(PhilipsCodes.WaveformMissing, "waveforms/parsedwaveforms");
            return false;
        }

        string? rateText = signal is null ? null : XmlValues.Text(signal, Ns + "samplingrate");
        rateText ??= (string?)waveforms.Attribute("samplespersecond");
        if (!XmlValues.TryDouble(rateText, out double rate) || !(rate > 0) || double.IsInfinity(rate))
        {
            issues.Error(PhilipsCodes.SampleRateInvalid, "dataacquisition/signalcharacteristics/samplingrate");
            return false;
        }

        string? resolutionText = signal is null ? null : XmlValues.Text(signal, Ns + "resolution") ?? XmlValues.Text(signal, Ns + "signalresolution");
        resolutionText ??= (string?)waveforms.Attribute("resolution");
        if (!XmlValues.TryDouble(resolutionText, out double resolution) || !(resolution > 0) || double.IsInfinity(resolution))
        {
            issues.Error(PhilipsCodes.ResolutionInvalid, "dataacquisition/signalcharacteristics/resolution");
            return false;
        }

        const string location = "waveforms/parsedwaveforms";
        string encoding = (string?)waveforms.Attribute("dataencoding") ?? "Base64";
        bool xli = string.Equals((string?)waveforms.Attribute("compression"), "XLI", StringComparison.OrdinalIgnoreCase)
            || (string.Equals((string?)waveforms.Attribute("compressflag"), "True", StringComparison.OrdinalIgnoreCase)
                && string.Equals((string?)waveforms.Attribute("compressmethod"), "XLI", StringComparison.OrdinalIgnoreCase));
        if (!encoding.Equals("Base64", StringComparison.OrdinalIgnoreCase))
        {
            issues.Error(PhilipsCodes.EncodingUnsupported, location + "/@dataencoding");
            return false;
        }

        if (!XmlValues.TryInt((string?)waveforms.Attribute("durationperchannel"), out int durationMs) || durationMs <= 0)
        {
            durationMs = 10_000;
        }

        int samplesPerLead = (int)Math.Round(durationMs * rate / 1000.0);
        string[] labels = ((string?)waveforms.Attribute("leadlabels"))?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? DefaultLabels;
        int leadCount = labels.Length;
        string text = waveforms.Value;
        byte[] bytes = ArrayPool<byte>.Shared.Rent(Math.Max(4, (text.Length / 4 * 3) + 3));
        int[] counts = ArrayPool<int>.Shared.Rent(leadCount * samplesPerLead);
        try
        {
            if (!Convert.TryFromBase64Chars(text, bytes, out int written) || written == 0)
            {
                issues.Error(PhilipsCodes.DataInvalid, location);
                return false;
            }

            ReadOnlySpan<byte> data = bytes.AsSpan(0, written);
            if (xli)
            {
                int offset = 0;
                for (int k = 0; k < leadCount; k++)
                {
                    XliResult result = XliDecoder.DecodeChunk(data, ref offset, counts.AsSpan(k * samplesPerLead, samplesPerLead));
                    if (result != XliResult.Ok)
                    {
                        issues.Error(result == XliResult.Truncated ? PhilipsCodes.XliTruncated : PhilipsCodes.XliLengthWrong, LeadLocation(location, labels[k], k));
                        return false;
                    }
                }

                if (leadCount >= 6)
                {
                    RebuildLimbLeads(counts, samplesPerLead);
                }
            }
            else
            {
                // Uncompressed: lead after lead, little-endian int16.
                int available = written / 2;
                for (int k = 0; k < leadCount; k++)
                {
                    if ((k + 1) * samplesPerLead > available)
                    {
                        issues.Error(PhilipsCodes.LeadShort, LeadLocation(location, labels[k], k));
                        return false;
                    }

                    for (int s = 0; s < samplesPerLead; s++)
                    {
                        counts[(k * samplesPerLead) + s] = BinaryPrimitives.ReadInt16LittleEndian(data.Slice(((k * samplesPerLead) + s) * 2, 2));
                    }
                }
            }

            double scale = resolution * 1e-3;
            var leads = new List<LeadSignal>(leadCount);
            for (int k = 0; k < leadCount; k++)
            {
                if (!profile.TryMapLead(labels[k], out Lead lead))
                {
                    issues.Warning(PhilipsCodes.LeadUnknown, location + "/@leadlabels[" + (k + 1).ToString(CultureInfo.InvariantCulture) + "]");
                    continue;
                }

                double[] samples = new double[samplesPerLead];
                ReadOnlySpan<int> source = counts.AsSpan(k * samplesPerLead, samplesPerLead);
                for (int s = 0; s < samples.Length; s++)
                {
                    samples[s] = source[s] * scale;
                }

                leads.Add(new LeadSignal(lead, samples) { SourceLocation = location + "[" + LeadCatalog.DisplayName(lead) + "]" });
            }

            recording = new EcgRecording(leads, rate)
            {
                AcquisitionTime = ReadTime(root, profile, issues),
                Source = new EcgSource { PatientId = ReadPatientId(root) },
            };
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
            ArrayPool<int>.Shared.Return(counts);
        }
    }

    /// <summary>The stored limb leads are residuals; integer division truncates toward zero as the device does.</summary>
    private static void RebuildLimbLeads(int[] counts, int n)
    {
        Span<int> i = counts.AsSpan(0, n);
        Span<int> ii = counts.AsSpan(n, n);
        Span<int> iii = counts.AsSpan(2 * n, n);
        Span<int> avr = counts.AsSpan(3 * n, n);
        Span<int> avl = counts.AsSpan(4 * n, n);
        Span<int> avf = counts.AsSpan(5 * n, n);
        for (int k = 0; k < n; k++)
        {
            iii[k] = ii[k] - i[k] - iii[k];
            avr[k] = -avr[k] - ((i[k] + ii[k]) / 2);
            avl[k] = ((i[k] - iii[k]) / 2) - avl[k];
            avf[k] = ((ii[k] + iii[k]) / 2) - avf[k];
        }
    }

    private static string LeadLocation(string location, string label, int index) =>
        LeadCatalog.TryParse(label, out Lead lead)
            ? location + "[" + LeadCatalog.DisplayName(lead) + "]"
            : location + "[" + (index + 1).ToString(CultureInfo.InvariantCulture) + "]";

    private static DateTimeOffset? ReadTime(XElement root, MappingProfile profile, IssueList issues)
    {
        XElement? acquisition = root.Element(Ns + "dataacquisition");
        string? date = (string?)acquisition?.Attribute("date");
        string? time = (string?)acquisition?.Attribute("time");
        if (date is null || time is null
            || !DateTime.TryParseExact(date + " " + time, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime local))
        {
            return null;
        }

        return FormatTime.Localize(local, profile, "dataacquisition/@time", issues);
    }

    private static string? ReadPatientId(XElement root)
    {
        XElement? patient = root.Element(Ns + "patient")?.Element(Ns + "generalpatientdata");
        string? id = patient is null ? null : XmlValues.Text(patient, Ns + "patientid");
        return string.IsNullOrEmpty(id) ? null : id;
    }
}

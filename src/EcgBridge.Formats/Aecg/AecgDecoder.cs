using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Xml.Linq;
using EcgBridge.Core;
using EcgBridge.Core.Decoding;
using EcgBridge.Core.Issues;
using EcgBridge.Core.Mapping;
using EcgBridge.Formats.Xml;

namespace EcgBridge.Formats.Aecg;

/// <summary>
/// HL7 aECG (HL7 v3 AnnotatedECG, FDA) → <see cref="EcgRecording"/>: the series coded RHYTHM (representative beats
/// are ignored), the time sequence's increment as the sample period (s or ms), and one SLIST_PQ sequence per lead
/// (MDC_ECG_LEAD_* codes, or the profile's aliases): physical = origin + scale × digit, in the unit of the scale.
/// </summary>
public sealed class AecgDecoder : IEcgDecoder
{
    /// <summary>The HL7 v3 namespace of AnnotatedECG.</summary>
    public const string Namespace = "urn:hl7-org:v3";

    private static readonly XNamespace V3 = Namespace;

    /// <inheritdoc />
    public MappingFormat Format => MappingFormat.Hl7Aecg;

    /// <inheritdoc />
    public bool TryDecode(ReadOnlyMemory<byte> content, MappingProfile profile, IssueList issues, [NotNullWhen(true)] out EcgRecording? recording)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(issues);
        recording = null;
        if (!SafeXml.TryLoad(content, "AnnotatedECG", issues, out XElement? root))
        {
            return false;
        }

        if (root.Name != V3 + "AnnotatedECG")
        {
            issues.Error(XmlCodes.RootUnexpected, root.Name.LocalName.Length <= 64 ? root.Name.LocalName : "root");
            return false;
        }

        XElement? series = null;
        foreach (XElement candidate in root.Elements(V3 + "component").Elements(V3 + "series"))
        {
            if (string.Equals((string?)candidate.Element(V3 + "code")?.Attribute("code"), "RHYTHM", StringComparison.OrdinalIgnoreCase))
            {
                series = candidate;
                break;
            }
        }

        if (series is null)
        {
            issues.Error(AecgCodes.RhythmMissing, "AnnotatedECG/component/series");
            return false;
        }

        XElement? sequenceSet = series.Elements(V3 + "component").Elements(V3 + "sequenceSet").FirstOrDefault();
        List<XElement> sequences = sequenceSet is null ? [] : [.. sequenceSet.Elements(V3 + "component").Elements(V3 + "sequence")];
        double? period = null;
        int errorsBefore = issues.ErrorCount;
        var leads = new List<LeadSignal>(12);
        for (int i = 0; i < sequences.Count; i++)
        {
            XElement sequence = sequences[i];
            string code = (string?)sequence.Element(V3 + "code")?.Attribute("code") ?? "";
            string location = $"series[RHYTHM]/sequence[{i + 1}]";
            XElement? value = sequence.Element(V3 + "value");
            if (code is "TIME_ABSOLUTE" or "TIME_RELATIVE")
            {
                period = Seconds(value?.Element(V3 + "increment"));
                continue;
            }

            if (!code.StartsWith("MDC_ECG_LEAD_", StringComparison.OrdinalIgnoreCase) && !profile.LeadAliases.ContainsKey(code))
            {
                continue;
            }

            if (!profile.TryMapLead(code, out Lead lead))
            {
                issues.Warning(EcgCodes.LeadUnknown, location + "/code");
                continue;
            }

            if (TryDecodeLead(value, location, issues, out double[]? samples))
            {
                leads.Add(new LeadSignal(lead, samples) { SourceLocation = location });
            }
        }

        if (period is not > 0)
        {
            issues.Error(AecgCodes.IncrementInvalid, "series[RHYTHM]/sequence[TIME]/value/increment");
            return false;
        }

        if (issues.ErrorCount > errorsBefore)
        {
            return false;
        }

        if (leads.Count == 0)
        {
            issues.Error(EcgCodes.LeadsMissing, "series[RHYTHM]/sequenceSet");
            return false;
        }

        recording = new EcgRecording(leads, 1.0 / period.Value)
        {
            AcquisitionTime = FormatTime.Localize(Timestamp(root.Element(V3 + "effectiveTime")), profile, "AnnotatedECG/effectiveTime", issues),
            Source = new EcgSource
            {
                SendingApplication = "HL7 aECG",
                PatientId = (string?)root.Descendants(V3 + "trialSubject").Elements(V3 + "id").FirstOrDefault()?.Attribute("extension"),
                ObservationId = (string?)root.Element(V3 + "id")?.Attribute("root"),
            },
        };
        return true;
    }

    private static bool TryDecodeLead(XElement? value, string location, IssueList issues, [NotNullWhen(true)] out double[]? samples)
    {
        samples = null;
        if (!TryQuantity(value?.Element(V3 + "scale"), out double scale) || !TryQuantity(value?.Element(V3 + "origin"), out double origin, optional: true))
        {
            issues.Error(AecgCodes.ScaleInvalid, location + "/value/scale");
            return false;
        }

        string digits = value?.Element(V3 + "digits")?.Value ?? "";
        var values = new List<double>(digits.Length / 3);
        ReadOnlySpan<char> rest = digits.AsSpan();
        while (true)
        {
            rest = rest.TrimStart(" \t\r\n");
            if (rest.IsEmpty)
            {
                break;
            }

            int end = rest.IndexOfAny(" \t\r\n");
            ReadOnlySpan<char> token = end < 0 ? rest : rest[..end];
            if (!int.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int digit))
            {
                issues.Error(AecgCodes.DigitsInvalid, location + "/value/digits");
                return false;
            }

            values.Add(origin + (scale * digit));
            rest = end < 0 ? [] : rest[end..];
        }

        if (values.Count == 0)
        {
            issues.Error(AecgCodes.DigitsInvalid, location + "/value/digits");
            return false;
        }

        samples = [.. values];
        return true;
    }

    /// <summary>A PQ in mV (value × unit factor); an absent optional quantity is 0.</summary>
    private static bool TryQuantity(XElement? quantity, out double millivolts, bool optional = false)
    {
        millivolts = 0;
        if (quantity is null)
        {
            return optional;
        }

        if (!double.TryParse((string?)quantity.Attribute("value"), NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            || !Units.TryGetMillivoltFactor((string?)quantity.Attribute("unit") ?? "", out double factor))
        {
            return false;
        }

        millivolts = value * factor;
        return !double.IsNaN(millivolts) && !double.IsInfinity(millivolts);
    }

    private static double? Seconds(XElement? increment)
    {
        if (increment is null || !double.TryParse((string?)increment.Attribute("value"), NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            return null;
        }

        return ((string?)increment.Attribute("unit"))?.Trim() switch
        {
            "s" => value,
            "ms" => value / 1000,
            "us" => value / 1_000_000,
            _ => null,
        };
    }

    private static DateTime? Timestamp(XElement? effectiveTime)
    {
        string? value = (string?)(effectiveTime?.Element(V3 + "center") ?? effectiveTime?.Element(V3 + "low"))?.Attribute("value");
        if (value is null || value.Length < 8)
        {
            return null;
        }

        string digits = value.Split('.', '+', '-')[0];
        string[] formats = ["yyyyMMddHHmmss", "yyyyMMddHHmm", "yyyyMMdd"];
        return DateTime.TryParseExact(digits, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime time) ? time : null;
    }
}

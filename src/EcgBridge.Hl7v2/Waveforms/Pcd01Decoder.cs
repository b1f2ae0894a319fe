using EcgBridge.Core;
using EcgBridge.Core.Issues;
using EcgBridge.Core.Mapping;
using EcgBridge.Hl7v2.Parsing;

namespace EcgBridge.Hl7v2.Waveforms;

/// <summary>
/// IHE PCD-01 waveforms: one NA OBX per lead (OBX-3 lead code, OBX-5 samples separated by components, OBX-6 units)
/// with child OBX MDC_ATTR_SAMP_RATE (sub-ID <c>&lt;lead&gt;.1</c>) and MDC_ATTR_DATA_RANGE (<c>.2</c>).
/// </summary>
internal static class Pcd01Decoder
{
    private const string SampleRateName = "MDC_ATTR_SAMP_RATE";
    private const string SampleRateCode = "2436";
    private const string DataRangeName = "MDC_ATTR_DATA_RANGE";
    private const string DataRangeCode = "2325";

    public static EcgRecording? Decode(Hl7Message message, MappingProfile profile, IssueList issues)
    {
        Hl7EncodingCharacters d = message.Delimiters;
        var leads = new List<DecodedLead>(12);
        bool anyWaveform = false;
        bool failed = false;
        int firstWaveformIndex = -1;
        for (int index = message.FindSegment("OBX"u8); index >= 0; index = message.FindSegment("OBX"u8, index + 1))
        {
            Hl7Segment obx = message[index];
            if (!IsValueType(obx, "NA"u8))
            {
                continue;
            }

            anyWaveform = true;
            if (firstWaveformIndex < 0)
            {
                firstWaveformIndex = index;
            }

            string? code = obx.Text(3, 1);
            string? name = obx.Text(3, 2);
            if (!TryMapLead(profile, code, name, obx, issues, out Lead lead))
            {
                // A non-ECG waveform (pleth, respiration) beside the ECG: skipped with a warning.
                issues.Warning(EcgCodes.LeadUnknown, obx.Location(3));
                continue;
            }

            string leadText = " lead " + LeadCatalog.DisplayName(lead);
            // Samples and units are both checked so that a sender learns about every problem of the lead at once.
            bool unitOk = TryUnitFactor(profile, obx, 6, out double factor);
            ReadOnlySpan<byte> raw = obx.Field(5);
            bool samplesOk = false;
            double[] samples = [];
            if (raw.Trim((byte)' ').IsEmpty)
            {
                issues.Error(Hl7Codes.SamplesEmpty, obx.Location(5) + leadText);
            }
            else if (raw.IndexOf(d.Escape) >= 0 || raw.IndexOf(d.Repetition) >= 0
                || !SampleSeries.TryParse(raw, d.Component, profile.TolerateSpacesInNumbers, unitOk ? factor : 1, 0, out samples))
            {
                issues.Error(Hl7Codes.SampleInvalid, obx.Location(5) + leadText);
            }
            else
            {
                samplesOk = true;
            }

            if (!unitOk)
            {
                issues.Error(EcgCodes.UnitUnsupported, obx.Location(6) + leadText);
            }

            if (!unitOk || !samplesOk)
            {
                failed = true;
                continue;
            }

            string? subId = obx.Text(4, 1);
            if (!TryReadRate(message, index, subId, profile, issues, leadText, out double rate))
            {
                failed = true;
                continue;
            }

            (double? lower, double? upper) = ReadRange(message, index, subId, factor, issues);
            leads.Add(new DecodedLead(lead, samples, rate, lower, upper, obx.Location()));
        }

        if (!anyWaveform)
        {
            issues.Error(Hl7Codes.WaveformMissing, "OBX");
            return null;
        }

        if (failed)
        {
            return null;
        }

        DateTimeOffset? time = Hl7SourceReader.ReadObservationTime(message, firstWaveformIndex, issues);
        return RecordingAssembler.Assemble(leads, Hl7SourceReader.ReadSource(message), time, issues);
    }

    internal static bool IsValueType(Hl7Segment obx, ReadOnlySpan<byte> type) =>
        obx.Field(2).Trim((byte)' ').SequenceEqual(type);

    internal static bool TryMapLead(MappingProfile profile, string? code, string? name, Hl7Segment obx, IssueList issues, out Lead lead)
    {
        Lead fromCode = default;
        Lead fromName = default;
        bool byCode = code is not null && profile.TryMapLead(code, out fromCode);
        bool byName = name is not null && profile.TryMapLead(name, out fromName);
        if (byCode && byName && fromCode != fromName)
        {
            issues.Warning(EcgCodes.LeadLabelMismatch, obx.Location(3));
        }
        else if (byCode && name is not null && name.StartsWith("MDC_ECG_LEAD_", StringComparison.Ordinal)
            && int.TryParse(code, out int numeric) && numeric is > 131328 and < 131456)
        {
            // ELEC_POTL codes labelled with LEAD_ names (seen in the NIST/T5 test set): the code wins.
            issues.Warning(EcgCodes.LeadLabelMismatch, obx.Location(3));
        }

        lead = byCode ? fromCode : fromName;
        return byCode || byName;
    }

    internal static bool TryUnitFactor(MappingProfile profile, Hl7Segment segment, int fieldNumber, out double factor)
    {
        string? id = segment.Text(fieldNumber, 1);
        string? text = segment.Text(fieldNumber, 2);
        if (id is null && text is null)
        {
            factor = 0;
            return profile.DefaultUnit is not null && profile.TryGetMillivoltFactor(profile.DefaultUnit, out factor);
        }

        factor = 0;
        return (id is not null && profile.TryGetMillivoltFactor(id, out factor))
            || (text is not null && profile.TryGetMillivoltFactor(text, out factor));
    }

    private static bool TryReadRate(Hl7Message message, int leadIndex, string? subId, MappingProfile profile, IssueList issues, string leadText, out double rate)
    {
        rate = 0;
        int child = FindChild(message, leadIndex, subId, SampleRateName, SampleRateCode, ".1");
        if (child < 0)
        {
            if (profile.DefaultSampleRateHz is { } fallback and > 0)
            {
                rate = fallback;
                return true;
            }

            issues.Error(Hl7Codes.SampleRateMissing, message[leadIndex].Location() + leadText);
            return false;
        }

        Hl7Segment obx = message[child];
        string? unit = obx.Text(6, 1);
        string? unitName = obx.Text(6, 2);
        bool perSecond = (unit is null && unitName is null) || IsPerSecond(unit) || IsPerSecond(unitName);
        if (!perSecond || !Hl7Numbers.TryParse(obx.Component(5, 1), profile.TolerateSpacesInNumbers, out rate) || rate <= 0)
        {
            issues.Error(Hl7Codes.SampleRateInvalid, obx.Location(5) + leadText);
            return false;
        }

        return true;
    }

    private static bool IsPerSecond(string? unit) => unit is not null
        && (unit is "264608" or "MDC_DIM_PER_SEC" or "Hz" or "/s" or "1/s" or "per sec" || unit.Equals("hz", StringComparison.OrdinalIgnoreCase));

    private static (double? Lower, double? Upper) ReadRange(Hl7Message message, int leadIndex, string? subId, double factor, IssueList issues)
    {
        int child = FindChild(message, leadIndex, subId, DataRangeName, DataRangeCode, ".2");
        if (child < 0)
        {
            return (null, null);
        }

        Hl7Segment obx = message[child];
        if (Hl7Numbers.TryParse(obx.Component(5, 1), true, out double low) && Hl7Numbers.TryParse(obx.Component(5, 2), true, out double high) && low < high)
        {
            return (low * factor, high * factor);
        }

        issues.Warning(Hl7Codes.DataRangeInvalid, obx.Location(5));
        return (null, null);
    }

    // Children are found by sub-ID (<lead sub-ID>.n) with the attribute's name; unnamed children by the conventional
    // suffix; without a sub-ID, the named OBX between this lead and the next waveform OBX.
    private static int FindChild(Hl7Message message, int leadIndex, string? subId, string name, string code, string suffix)
    {
        int unnamedBySuffix = -1;
        for (int i = message.FindSegment("OBX"u8); i >= 0; i = message.FindSegment("OBX"u8, i + 1))
        {
            if (i == leadIndex)
            {
                continue;
            }

            Hl7Segment obx = message[i];
            string? childSubId = obx.Text(4, 1);
            if (subId is null)
            {
                if (i < leadIndex)
                {
                    continue;
                }

                if (IsValueType(obx, "NA"u8))
                {
                    break;
                }

                if (IsNamed(obx, name, code))
                {
                    return i;
                }

                continue;
            }

            if (childSubId is null || !childSubId.StartsWith(subId, StringComparison.Ordinal) || childSubId.Length <= subId.Length
                || childSubId[subId.Length] != '.' || childSubId.IndexOf('.', subId.Length + 1) >= 0)
            {
                continue;
            }

            if (IsNamed(obx, name, code))
            {
                return i;
            }

            if (obx.Text(3, 2) is null && childSubId.AsSpan(subId.Length).SequenceEqual(suffix))
            {
                unnamedBySuffix = i;
            }
        }

        return unnamedBySuffix;
    }

    private static bool IsNamed(Hl7Segment obx, string name, string code) =>
        string.Equals(obx.Text(3, 2), name, StringComparison.Ordinal) || string.Equals(obx.Text(3, 1), name, StringComparison.Ordinal)
        || (obx.Text(3, 2) is null && string.Equals(obx.Text(3, 1), code, StringComparison.Ordinal));
}

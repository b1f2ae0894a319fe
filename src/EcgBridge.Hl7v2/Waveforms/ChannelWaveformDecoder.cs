using EcgBridge.Core;
using EcgBridge.Core.Issues;
using EcgBridge.Core.Mapping;
using EcgBridge.Hl7v2.Parsing;

namespace EcgBridge.Hl7v2.Waveforms;

/// <summary>
/// HL7 v2 chapter 7 waveforms: CD channel definitions (CD.1 channel number &amp; name, CD.3 sensitivity &amp; unit,
/// CD.4 correction factor &amp; baseline, CD.5 sampling frequency, CD.6 minimum &amp; maximum), TS start time, then MA
/// (time points as repetitions, channels as components) or one NA per channel. Value in mV =
/// (x − baseline) × sensitivity × correction × unit factor.
/// </summary>
internal static class ChannelWaveformDecoder
{
    private sealed record Channel(Lead? Lead, double Factor, double Baseline, double? Rate, double? Lower, double? Upper, string Location);

    public static EcgRecording? Decode(Hl7Message message, MappingProfile profile, IssueList issues)
    {
        Hl7EncodingCharacters d = message.Delimiters;
        var channels = new List<Channel>(12);
        DateTimeOffset? start = null;
        var data = new List<(Channel Channel, double[] Samples)>(12);
        bool anyWaveform = false;
        bool failed = false;
        int naCount = 0;
        int firstIndex = -1;
        for (int index = message.FindSegment("OBX"u8); index >= 0; index = message.FindSegment("OBX"u8, index + 1))
        {
            Hl7Segment obx = message[index];
            if (Pcd01Decoder.IsValueType(obx, "CD"u8))
            {
                if (!TryReadChannel(obx, profile, issues, out Channel? channel))
                {
                    failed = true;
                }
                else
                {
                    channels.Add(channel!);
                }
            }
            else if (Pcd01Decoder.IsValueType(obx, "TS"u8))
            {
                string? text = obx.Text(5, 1);
                if (text is not null && Hl7DateTime.TryParse(text, out DateTimeOffset time))
                {
                    start ??= time;
                }
                else
                {
                    issues.Warning(Hl7Codes.DateTimeInvalid, obx.Location(5));
                }
            }
            else if (Pcd01Decoder.IsValueType(obx, "MA"u8))
            {
                anyWaveform = true;
                firstIndex = firstIndex < 0 ? index : firstIndex;
                if (channels.Count == 0 && !TryDefaultChannels(profile, obx, channels, issues))
                {
                    failed = true;
                    continue;
                }

                failed |= !TryReadMultiplexed(obx, d, profile, channels, data, issues);
            }
            else if (Pcd01Decoder.IsValueType(obx, "NA"u8))
            {
                anyWaveform = true;
                firstIndex = firstIndex < 0 ? index : firstIndex;
                naCount++;
                if (channels.Count < naCount)
                {
                    issues.Error(Hl7Codes.ChannelDefinitionMissing, obx.Location(5));
                    failed = true;
                    continue;
                }

                Channel channel = channels[naCount - 1];
                if (obx.Field(5).IndexOf(d.Escape) >= 0
                    || !SampleSeries.TryParse(obx.Field(5), d.Component, profile.TolerateSpacesInNumbers, channel.Factor, channel.Baseline, out double[] samples))
                {
                    issues.Error(Hl7Codes.SampleInvalid, obx.Location(5) + LeadText(channel));
                    failed = true;
                    continue;
                }

                data.Add((channel, samples));
            }
        }

        if (!anyWaveform)
        {
            issues.Error(channels.Count > 0 ? Hl7Codes.SamplesEmpty : Hl7Codes.WaveformMissing, "OBX");
            return null;
        }

        if (failed)
        {
            return null;
        }

        var leads = new List<DecodedLead>(data.Count);
        foreach ((Channel channel, double[] samples) in data)
        {
            if (channel.Lead is not { } lead)
            {
                continue;
            }

            double? rate = channel.Rate ?? profile.DefaultSampleRateHz;
            if (rate is not > 0)
            {
                issues.Error(Hl7Codes.SampleRateMissing, channel.Location + LeadText(channel));
                return null;
            }

            leads.Add(new DecodedLead(lead, samples, rate.Value, channel.Lower, channel.Upper, channel.Location));
        }

        DateTimeOffset? acquired = start ?? Hl7SourceReader.ReadObservationTime(message, firstIndex, issues);
        return RecordingAssembler.Assemble(leads, Hl7SourceReader.ReadSource(message), acquired, issues);
    }

    private static string LeadText(Channel channel) => channel.Lead is { } lead ? " lead " + LeadCatalog.DisplayName(lead) : "";

    private static bool TryReadChannel(Hl7Segment obx, MappingProfile profile, IssueList issues, out Channel? channel)
    {
        channel = null;
        string location = obx.Location(5);
        string? name = obx.Text(5, 1, 2);
        Lead? lead = null;
        if (name is not null && profile.TryMapLead(name, out Lead mapped))
        {
            lead = mapped;
        }
        else
        {
            issues.Warning(EcgCodes.LeadUnknown, location);
        }

        double sensitivity = 1;
        string? sensitivityText = obx.Text(5, 3, 1);
        if (sensitivityText is not null && (!Hl7Numbers.TryParse(sensitivityText, profile.TolerateSpacesInNumbers, out sensitivity) || sensitivity == 0))
        {
            issues.Error(Hl7Codes.ChannelDefinitionInvalid, location + ".3");
            return false;
        }

        string? unit = obx.Text(5, 3, 2) ?? obx.Text(5, 3, 3) ?? profile.DefaultUnit;
        if (unit is null || !profile.TryGetMillivoltFactor(unit, out double unitFactor))
        {
            if (lead is null)
            {
                unitFactor = 1;
            }
            else
            {
                issues.Error(EcgCodes.UnitUnsupported, location + ".3 lead " + LeadCatalog.DisplayName(lead.Value));
                return false;
            }
        }

        double correction = 1;
        double baseline = 0;
        string? correctionText = obx.Text(5, 4, 1);
        string? baselineText = obx.Text(5, 4, 2);
        if ((correctionText is not null && !Hl7Numbers.TryParse(correctionText, true, out correction))
            || (baselineText is not null && !Hl7Numbers.TryParse(baselineText, true, out baseline)))
        {
            issues.Error(Hl7Codes.ChannelDefinitionInvalid, location + ".4");
            return false;
        }

        double? rate = null;
        string? rateText = obx.Text(5, 5, 1);
        if (rateText is not null)
        {
            if (!Hl7Numbers.TryParse(rateText, profile.TolerateSpacesInNumbers, out double parsed) || parsed <= 0)
            {
                issues.Error(Hl7Codes.SampleRateInvalid, location + ".5");
                return false;
            }

            rate = parsed;
        }

        double factor = sensitivity * correction * unitFactor;
        double? lower = null;
        double? upper = null;
        string? lowText = obx.Text(5, 6, 1);
        string? highText = obx.Text(5, 6, 2);
        if (lowText is not null || highText is not null)
        {
            if (lowText is not null && highText is not null && Hl7Numbers.TryParse(lowText, true, out double low)
                && Hl7Numbers.TryParse(highText, true, out double high) && low < high)
            {
                lower = (low - baseline) * factor;
                upper = (high - baseline) * factor;
            }
            else
            {
                issues.Warning(Hl7Codes.DataRangeInvalid, location + ".6");
            }
        }

        channel = new Channel(lead, factor, baseline, rate, lower, upper, obx.Location());
        return true;
    }

    private static bool TryDefaultChannels(MappingProfile profile, Hl7Segment obx, List<Channel> channels, IssueList issues)
    {
        if (profile.InterleavedLeadOrder.Count == 0 || profile.DefaultUnit is null
            || !profile.TryGetMillivoltFactor(profile.DefaultUnit, out double factor))
        {
            issues.Error(Hl7Codes.ChannelDefinitionMissing, obx.Location(5));
            return false;
        }

        foreach (string name in profile.InterleavedLeadOrder)
        {
            channels.Add(new Channel(profile.TryMapLead(name, out Lead lead) ? lead : null, factor, 0, profile.DefaultSampleRateHz, null, null, obx.Location()));
        }

        return true;
    }

    private static bool TryReadMultiplexed(
        Hl7Segment obx, Hl7EncodingCharacters d, MappingProfile profile, List<Channel> channels, List<(Channel, double[])> data, IssueList issues)
    {
        ReadOnlySpan<byte> raw = obx.Field(5).TrimEnd((byte)' ');
        if (!raw.IsEmpty && raw[^1] == d.Repetition)
        {
            raw = raw[..^1];
        }

        if (raw.IsEmpty)
        {
            issues.Error(Hl7Codes.SamplesEmpty, obx.Location(5));
            return false;
        }

        if (raw.IndexOf(d.Escape) >= 0)
        {
            issues.Error(Hl7Codes.SampleInvalid, obx.Location(5));
            return false;
        }

        int channelCount = channels.Count;
        int points = raw.Count(d.Repetition) + 1;
        if (raw.Count(d.Component) != points * (channelCount - 1))
        {
            issues.Error(Hl7Codes.ChannelCountMismatch, obx.Location(5));
            return false;
        }

        var arrays = new double[channelCount][];
        for (int c = 0; c < channelCount; c++)
        {
            arrays[c] = new double[points];
        }

        for (int t = 0; t < points; t++)
        {
            int end = raw.IndexOf(d.Repetition);
            ReadOnlySpan<byte> point = end < 0 ? raw : raw[..end];
            raw = end < 0 ? default : raw[(end + 1)..];
            for (int c = 0; c < channelCount; c++)
            {
                int cut = point.IndexOf(d.Component);
                if ((cut < 0) != (c == channelCount - 1))
                {
                    issues.Error(Hl7Codes.ChannelCountMismatch, obx.Location(5));
                    return false;
                }

                ReadOnlySpan<byte> token = cut < 0 ? point : point[..cut];
                point = cut < 0 ? default : point[(cut + 1)..];
                if (!Hl7Numbers.TryParse(token, profile.TolerateSpacesInNumbers, out double value))
                {
                    issues.Error(Hl7Codes.SampleInvalid, obx.Location(5) + LeadText(channels[c]));
                    return false;
                }

                arrays[c][t] = (value - channels[c].Baseline) * channels[c].Factor;
            }
        }

        for (int c = 0; c < channelCount; c++)
        {
            data.Add((channels[c], arrays[c]));
        }

        return true;
    }
}

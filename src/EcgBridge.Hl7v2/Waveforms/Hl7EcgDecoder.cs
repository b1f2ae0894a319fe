using EcgBridge.Core;
using EcgBridge.Core.Decoding;
using EcgBridge.Core.Issues;
using EcgBridge.Core.Mapping;
using EcgBridge.Hl7v2.Parsing;

namespace EcgBridge.Hl7v2.Waveforms;

/// <summary>
/// HL7 v2 ORU^R01 → <see cref="EcgRecording"/>: reads the message, checks type, event and version, selects a mapping
/// profile (explicit name, else the first whose rules fit MSH-3/MSH-4/OBR-4) and runs its decoder (IHE PCD-01 or
/// chapter-7 waveform). Bad input gives coded issues, never exceptions.
/// </summary>
public static class Hl7EcgDecoder
{
    private static readonly MappingFormat[] Hl7Formats = [MappingFormat.Hl7v2Pcd01, MappingFormat.Hl7v2Waveform];

    // A message whose result is an ED value carries a file: only embedded-file profiles read it.
    private static readonly MappingFormat[] EmbeddedFormats = [MappingFormat.Hl7v2EmbeddedFile];

    /// <summary>Decodes with the default reader limits.</summary>
    public static bool TryDecode(
        ReadOnlyMemory<byte> message, MappingProfileSet profiles, string? explicitProfile, IssueList issues, out Hl7DecodeResult result) =>
        TryDecode(message, profiles, explicitProfile, Hl7ReaderOptions.Default, issues, out result);

    /// <summary>
    /// Decodes one message. <paramref name="result"/> is always set: its header answers the sender (null only when MSH
    /// was unreadable) and its recording is set exactly when this returns true.
    /// </summary>
    public static bool TryDecode(
        ReadOnlyMemory<byte> message, MappingProfileSet profiles, string? explicitProfile, Hl7ReaderOptions options, IssueList issues,
        out Hl7DecodeResult result) =>
        TryDecode(message, profiles, explicitProfile, options, embedded: null, issues, out result);

    /// <summary>
    /// Decodes one message; a vendor file carried in OBX ED (profile format <see cref="MappingFormat.Hl7v2EmbeddedFile"/>)
    /// goes to <paramref name="embedded"/>, and the message's patient, order, control id and OBR-7 are laid over it.
    /// </summary>
    public static bool TryDecode(
        ReadOnlyMemory<byte> message, MappingProfileSet profiles, string? explicitProfile, Hl7ReaderOptions options, EmbeddedEcgDecoder? embedded,
        IssueList issues, out Hl7DecodeResult result)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(issues);
        int errorsBefore = issues.ErrorCount;
        bool parsed = Hl7Message.TryParse(message, options, issues, out Hl7Message? parsedMessage);
        if (parsedMessage is null)
        {
            // Too large or binary input: still try MSH alone, bounded, so the sender gets MSA-2.
            Hl7MessageHeader? header = null;
            if (!issues.Contains(Hl7Codes.MshMissing) && !issues.Contains(Hl7Codes.MessageEmpty) && !issues.Contains(Hl7Codes.EncodingCharactersInvalid)
                && !issues.Contains(Hl7Codes.MshTruncated))
            {
                ReadOnlySpan<byte> head = message.Span[..Math.Min(message.Length, 64 * 1024)];
                int lineEnd = head.IndexOfAny((byte)'\r', (byte)'\n');
                Hl7MessageHeader.TryRead(lineEnd < 0 ? head : head[..lineEnd], new IssueList(), out header);
            }

            result = new Hl7DecodeResult(header, null, null);
            return false;
        }

        Hl7MessageHeader msh = parsedMessage.Header;
        bool envelopeOk = parsed;
        if (msh.VersionId is not null && !Hl7MessageHeader.IsSupportedVersion(msh.VersionId))
        {
            issues.Error(Hl7Codes.VersionUnsupported, "MSH-12");
            envelopeOk = false;
        }

        if (msh.MessageType is not null && !string.Equals(msh.MessageType, "ORU", StringComparison.OrdinalIgnoreCase))
        {
            issues.Error(Hl7Codes.MessageTypeUnsupported, "MSH-9.1");
            envelopeOk = false;
        }
        else if (msh.MessageType is not null && !string.Equals(msh.TriggerEvent, "R01", StringComparison.OrdinalIgnoreCase))
        {
            issues.Error(Hl7Codes.EventUnsupported, "MSH-9.2");
            envelopeOk = false;
        }

        if (!envelopeOk)
        {
            result = new Hl7DecodeResult(msh, null, null);
            return false;
        }

        MappingProfile? profile = SelectProfile(parsedMessage, profiles, explicitProfile, issues);
        if (profile is null)
        {
            result = new Hl7DecodeResult(msh, null, null);
            return false;
        }

        EcgRecording? recording = profile.Format switch
        {
            MappingFormat.Hl7v2Pcd01 => Pcd01Decoder.Decode(parsedMessage, profile, issues),
            MappingFormat.Hl7v2Waveform => ChannelWaveformDecoder.Decode(parsedMessage, profile, issues),
            MappingFormat.Hl7v2EmbeddedFile => DecodeEmbedded(parsedMessage, profile, embedded, issues),
            _ => Unsupported(issues),
        };

        bool ok = recording is not null && issues.ErrorCount == errorsBefore;
        result = new Hl7DecodeResult(msh, profile, ok ? recording : null);
        return ok;
    }

    private static EcgRecording? DecodeEmbedded(Hl7Message message, MappingProfile profile, EmbeddedEcgDecoder? embedded, IssueList issues)
    {
        if (embedded is null)
        {
            issues.Error(Hl7Codes.EmbeddedDecoderMissing, "profile");
            return null;
        }

        if (!Hl7EmbeddedFileReader.TryRead(message, profile, issues, out EmbeddedEcgFile? file) || !embedded(file!, profile, issues, out EcgRecording? recording) || recording is null)
        {
            return null;
        }

        // The file's own ids and times are the cart's; the message's are what the hospital's systems know this ECG by.
        EcgSource facts = Hl7SourceReader.ReadSource(message);
        EcgSource inner = recording.Source;
        int obr = message.FindSegment("OBR"u8);
        DateTimeOffset? time = obr >= 0 && message[obr].Field(7).Length > 0 ? Hl7SourceReader.ReadObservationTime(message, obr, issues) : null;
        return new EcgRecording(recording.Leads, recording.SampleRateHz)
        {
            AcquisitionTime = time ?? recording.AcquisitionTime,
            Source = facts with
            {
                PatientId = facts.PatientId ?? inner.PatientId,
                PatientIdSystem = facts.PatientId is null ? inner.PatientIdSystem : facts.PatientIdSystem,
                OrderId = facts.OrderId ?? inner.OrderId,
                DeviceId = inner.DeviceId,
                ObservationId = inner.ObservationId,
            },
        };
    }

    private static EcgRecording? Unsupported(IssueList issues)
    {
        issues.Error(Hl7Codes.ProfileFormatUnsupported, "profile");
        return null;
    }

    private static MappingProfile? SelectProfile(Hl7Message message, MappingProfileSet profiles, string? explicitProfile, IssueList issues)
    {
        Hl7MessageHeader msh = message.Header;
        if (!string.IsNullOrWhiteSpace(explicitProfile))
        {
            MappingProfile? named = profiles.Select(explicitProfile, null, null, null);
            if (named is null)
            {
                issues.Error(Hl7Codes.ProfileUnknown, "profile");
            }

            return named;
        }

        MappingProfile? best = null;
        int bestRank = int.MaxValue;
        bool anyObr = false;
        MappingFormat[] formats = HasEmbeddedFile(message) ? EmbeddedFormats : Hl7Formats;
        for (int i = message.FindSegment("OBR"u8); i >= 0; i = message.FindSegment("OBR"u8, i + 1))
        {
            anyObr = true;
            MappingProfile? candidate = profiles.Select(null, msh.SendingApplicationId, msh.SendingFacilityId, message[i].Text(4, 1), formats);
            int rank = candidate is null ? int.MaxValue : IndexOf(profiles, candidate);
            if (rank < bestRank)
            {
                best = candidate;
                bestRank = rank;
            }
        }

        if (!anyObr)
        {
            best = profiles.Select(null, msh.SendingApplicationId, msh.SendingFacilityId, null, formats);
        }

        if (best is null)
        {
            issues.Error(Hl7Codes.ProfileNone, "OBR-4");
        }

        return best;
    }

    private static bool HasEmbeddedFile(Hl7Message message)
    {
        for (int i = message.FindSegment("OBX"u8); i >= 0; i = message.FindSegment("OBX"u8, i + 1))
        {
            if (message[i].Field(2).SequenceEqual("ED"u8))
            {
                return true;
            }
        }

        return false;
    }

    private static int IndexOf(MappingProfileSet profiles, MappingProfile profile)
    {
        IReadOnlyList<MappingProfile> list = profiles.Profiles;
        for (int i = 0; i < list.Count; i++)
        {
            if (ReferenceEquals(list[i], profile))
            {
                return i;
            }
        }

        return int.MaxValue;
    }
}

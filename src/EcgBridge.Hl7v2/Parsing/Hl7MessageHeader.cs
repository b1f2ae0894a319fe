using System.Text;
using EcgBridge.Core.Issues;

namespace EcgBridge.Hl7v2.Parsing;

/// <summary>
/// What an ACK needs from MSH, read even when the rest of the message is rejected. Sender/receiver fields are kept in
/// standard encoding (<c>|^~\&amp;</c>, escaped), so they can be copied into an ACK verbatim. Contains no PHI but is
/// still not logged except <see cref="MessageControlId"/>.
/// </summary>
public sealed record Hl7MessageHeader
{
    private static readonly string[] SupportedVersions =
    [
        "2.1", "2.2", "2.3", "2.3.1", "2.4", "2.5", "2.5.1", "2.6", "2.7", "2.7.1", "2.8", "2.8.1", "2.8.2", "2.9", "2.9.1",
    ];

    /// <summary>The message's delimiters.</summary>
    public Hl7EncodingCharacters Delimiters { get; init; } = Hl7EncodingCharacters.Standard;

    /// <summary>MSH-3 in standard encoding.</summary>
    public string? SendingApplication { get; init; }

    /// <summary>MSH-4 in standard encoding.</summary>
    public string? SendingFacility { get; init; }

    /// <summary>MSH-5 in standard encoding.</summary>
    public string? ReceivingApplication { get; init; }

    /// <summary>MSH-6 in standard encoding.</summary>
    public string? ReceivingFacility { get; init; }

    /// <summary>MSH-3.1 unescaped (profile matching, dedupe key).</summary>
    public string? SendingApplicationId { get; init; }

    /// <summary>MSH-4.1 unescaped.</summary>
    public string? SendingFacilityId { get; init; }

    /// <summary>MSH-9.1 (for example ORU).</summary>
    public string? MessageType { get; init; }

    /// <summary>MSH-9.2 (for example R01).</summary>
    public string? TriggerEvent { get; init; }

    /// <summary>MSH-10, echoed in MSA-2.</summary>
    public string? MessageControlId { get; init; }

    /// <summary>MSH-11.1 (P, D, T).</summary>
    public string? ProcessingId { get; init; }

    /// <summary>MSH-12.1.</summary>
    public string? VersionId { get; init; }

    /// <summary>MSH-15 (AL, NE, ER, SU); set means enhanced acknowledgment mode.</summary>
    public string? AcceptAcknowledgmentType { get; init; }

    /// <summary>MSH-16 (AL, NE, ER, SU).</summary>
    public string? ApplicationAcknowledgmentType { get; init; }

    /// <summary>MSH-18 first repetition.</summary>
    public string? CharacterSet { get; init; }

    /// <summary>The decoder for text fields (from MSH-18).</summary>
    public Encoding TextEncoding { get; init; } = Encoding.UTF8;

    /// <summary>True when MSH-15 or MSH-16 is valued (enhanced acknowledgment mode).</summary>
    public bool IsEnhancedMode => !string.IsNullOrEmpty(AcceptAcknowledgmentType) || !string.IsNullOrEmpty(ApplicationAcknowledgmentType);

    /// <summary>True for the versions this reader supports (2.1 … 2.9.1).</summary>
    public static bool IsSupportedVersion(string? version) => version is not null && Array.IndexOf(SupportedVersions, version.Trim()) >= 0;

    /// <summary>
    /// Reads MSH from the start of a message (after a BOM, blank lines and FHS/BHS batch headers). Returns false only
    /// when no MSH with valid encoding characters exists; missing MSH-9/10/11/12 are recorded as errors but the header
    /// is still returned so the sender can be answered.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> message, IssueList issues, out Hl7MessageHeader? header)
    {
        ArgumentNullException.ThrowIfNull(issues);
        header = null;
        int start = Hl7Message.FindMessageStart(message);
        if (start < 0)
        {
            issues.Error(message.Trim(" \t\r\n"u8).IsEmpty ? Hl7Codes.MessageEmpty : Hl7Codes.MshMissing, "MSH");
            return false;
        }

        ReadOnlySpan<byte> rest = message[start..];
        int lineEnd = rest.IndexOfAny((byte)'\r', (byte)'\n');
        ReadOnlySpan<byte> msh = lineEnd < 0 ? rest : rest[..lineEnd];
        if (!Hl7EncodingCharacters.TryRead(msh[3..], out Hl7EncodingCharacters delimiters, out _))
        {
            ReadOnlySpan<byte> afterSeparator = msh.Length > 4 ? msh[4..] : default;
            bool endsInsideMsh2 = msh.Length <= 3
                || (msh[3] is > 0x20 and < 0x7F && !char.IsAsciiLetterOrDigit((char)msh[3]) && afterSeparator.IndexOf(msh[3]) < 0 && afterSeparator.Length < 4);
            issues.Error(endsInsideMsh2 ? Hl7Codes.MshTruncated : Hl7Codes.EncodingCharactersInvalid, "MSH-2");
            return false;
        }

        byte field = delimiters.Field;
        int fieldCount = Hl7Tokens.Count(msh, field);
        string? characterSet = Text(Part(msh, field, 18), delimiters, Encoding.Latin1, repetitionFirst: true);
        Encoding encoding = Encoding.UTF8;
        if (characterSet is not null && !Hl7CharacterSets.TryGetEncoding(characterSet, out encoding))
        {
            issues.Error(Hl7Codes.CharacterSetUnsupported, "MSH-18");
        }

        ReadOnlySpan<byte> msh9 = Part(msh, field, 9);
        header = new Hl7MessageHeader
        {
            Delimiters = delimiters,
            SendingApplication = Reencode(Part(msh, field, 3), delimiters, encoding),
            SendingFacility = Reencode(Part(msh, field, 4), delimiters, encoding),
            ReceivingApplication = Reencode(Part(msh, field, 5), delimiters, encoding),
            ReceivingFacility = Reencode(Part(msh, field, 6), delimiters, encoding),
            SendingApplicationId = Text(Hl7Tokens.Part(Part(msh, field, 3), delimiters.Component, 1), delimiters, encoding),
            SendingFacilityId = Text(Hl7Tokens.Part(Part(msh, field, 4), delimiters.Component, 1), delimiters, encoding),
            MessageType = Text(Hl7Tokens.Part(msh9, delimiters.Component, 1), delimiters, encoding),
            TriggerEvent = Text(Hl7Tokens.Part(msh9, delimiters.Component, 2), delimiters, encoding),
            MessageControlId = Text(Part(msh, field, 10), delimiters, encoding),
            ProcessingId = Text(Hl7Tokens.Part(Part(msh, field, 11), delimiters.Component, 1), delimiters, encoding),
            VersionId = Text(Hl7Tokens.Part(Hl7Tokens.Part(Part(msh, field, 12), delimiters.Repetition, 1), delimiters.Component, 1), delimiters, encoding),
            AcceptAcknowledgmentType = Text(Part(msh, field, 15), delimiters, encoding),
            ApplicationAcknowledgmentType = Text(Part(msh, field, 16), delimiters, encoding),
            CharacterSet = characterSet,
            TextEncoding = encoding,
        };

        if (fieldCount < 12)
        {
            issues.Error(Hl7Codes.MshTruncated, "MSH-" + Math.Max(fieldCount, 2).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (header.MessageType is null)
        {
            issues.Error(Hl7Codes.MshFieldMissing, "MSH-9");
        }

        if (header.MessageControlId is null)
        {
            issues.Error(Hl7Codes.MshFieldMissing, "MSH-10");
        }

        if (header.ProcessingId is null)
        {
            // Many test senders omit MSH-11; answering with P is harmless, so this is a warning.
            issues.Warning(Hl7Codes.MshFieldMissing, "MSH-11");
        }

        if (header.VersionId is null)
        {
            issues.Error(Hl7Codes.MshFieldMissing, "MSH-12");
        }

        return true;
    }

    // MSH-n is part n of the MSH line when split on the field separator (MSH-1 is the separator itself).
    private static ReadOnlySpan<byte> Part(ReadOnlySpan<byte> msh, byte field, int fieldNumber) => Hl7Tokens.Part(msh, field, fieldNumber);

    private static string? Text(ReadOnlySpan<byte> raw, Hl7EncodingCharacters delimiters, Encoding encoding, bool repetitionFirst = false)
    {
        if (repetitionFirst)
        {
            raw = Hl7Tokens.Part(raw, delimiters.Repetition, 1);
        }

        raw = raw.Trim((byte)' ');
        if (raw.IsEmpty)
        {
            return null;
        }

        Hl7Escaping.TryUnescape(encoding.GetString(raw), delimiters, encoding, 256, out string value);
        return value.Length == 0 ? null : value;
    }

    /// <summary>Rewrites a field's components/subcomponents from the message's delimiters into standard ones.</summary>
    internal static string? Reencode(ReadOnlySpan<byte> raw, Hl7EncodingCharacters from, Encoding encoding)
    {
        raw = Hl7Tokens.Part(raw, from.Repetition, 1).Trim((byte)' ');
        if (raw.IsEmpty)
        {
            return null;
        }

        Hl7EncodingCharacters standard = Hl7EncodingCharacters.Standard;
        // Raw control bytes (only in a message already rejected as binary) take the slow path, which escapes them.
        if (from == standard && raw.IndexOfAnyInRange((byte)0, (byte)0x1F) < 0 && raw.IndexOf((byte)0x7F) < 0)
        {
            return encoding.GetString(raw);
        }

        var builder = new StringBuilder(raw.Length);
        bool doneComponents = false;
        ReadOnlySpan<byte> components = raw;
        bool firstComponent = true;
        while (Hl7Tokens.Next(ref components, from.Component, ref doneComponents, out ReadOnlySpan<byte> component))
        {
            if (!firstComponent)
            {
                builder.Append((char)standard.Component);
            }

            firstComponent = false;
            bool doneSub = false;
            bool firstSub = true;
            ReadOnlySpan<byte> subs = component;
            while (Hl7Tokens.Next(ref subs, from.Subcomponent, ref doneSub, out ReadOnlySpan<byte> sub))
            {
                if (!firstSub)
                {
                    builder.Append((char)standard.Subcomponent);
                }

                firstSub = false;
                Hl7Escaping.TryUnescape(encoding.GetString(sub), from, encoding, 256, out string text);
                builder.Append(Hl7Escaping.Escape(text, standard));
            }
        }

        return builder.ToString();
    }
}

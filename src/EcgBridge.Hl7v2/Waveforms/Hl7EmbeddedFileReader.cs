using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;
using EcgBridge.Core.Decoding;
using EcgBridge.Core.Issues;
using EcgBridge.Core.Mapping;
using EcgBridge.Hl7v2.Parsing;

namespace EcgBridge.Hl7v2.Waveforms;

/// <summary>
/// Finds a vendor ECG file in an ORU^R01: the first OBX with OBX-2 = ED (or the one whose OBX-3.1 is the profile's
/// <c>observationCode</c> option), OBX-5 = source application ^ type of data ^ data subtype ^ encoding ^ data, encoding
/// Base64 (line breaks and whitespace tolerated), Hex or A (escaped text). With the profile option
/// <c>continuation</c> = <c>true</c>, the data of following OBX segments with the same OBX-4 sub-ID is appended (some
/// engines split values over 64 KB).
/// </summary>
public static class Hl7EmbeddedFileReader
{
    /// <summary>Default largest embedded file after decoding (a 12-lead 1000 Hz DICOM is about 0.3 MB).</summary>
    public const int DefaultMaxBytes = 32 * 1024 * 1024;

    /// <summary>Reads the embedded file; false with a coded issue naming the OBX when there is none or it is unreadable.</summary>
    public static bool TryRead(Hl7Message message, MappingProfile profile, IssueList issues, out EmbeddedEcgFile? file)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(issues);
        file = null;
        profile.Options.TryGetValue("observationCode", out string? wantedCode);
        bool continuation = profile.Options.TryGetValue("continuation", out string? flag) && bool.TryParse(flag, out bool on) && on;
        int first = -1;
        for (int i = message.FindSegment("OBX"u8); i >= 0; i = message.FindSegment("OBX"u8, i + 1))
        {
            Hl7Segment obx = message[i];
            if (obx.Field(2).SequenceEqual("ED"u8) && (string.IsNullOrEmpty(wantedCode) || string.Equals(obx.Text(3, 1), wantedCode, StringComparison.OrdinalIgnoreCase)))
            {
                first = i;
                break;
            }
        }

        if (first < 0)
        {
            issues.Error(Hl7Codes.EmbeddedFileMissing, "OBX-2");
            return false;
        }

        Hl7Segment head = message[first];
        string location = head.Location(5);
        string? encoding = head.Text(5, 4);
        string? subtype = head.Text(5, 3);
        var text = new ArrayBufferWriter<byte>(head.Field(5).Length);
        text.Write(RawComponent(head, 5));
        if (continuation)
        {
            ReadOnlySpan<byte> subId = head.Field(4);
            for (int i = message.FindSegment("OBX"u8, first + 1); i >= 0; i = message.FindSegment("OBX"u8, i + 1))
            {
                Hl7Segment next = message[i];
                if (!next.Field(4).SequenceEqual(subId))
                {
                    break;
                }

                text.Write(next.Field(2).SequenceEqual("ED"u8) ? RawComponent(next, 5) : next.Field(5));
            }
        }

        byte[]? content = Decode(text.WrittenSpan, encoding, message, location, issues);
        if (content is null)
        {
            return false;
        }

        if (content.Length == 0)
        {
            issues.Error(Hl7Codes.EmbeddedDataEmpty, location);
            return false;
        }

        file = new EmbeddedEcgFile(content, subtype, location);
        return true;
    }

    /// <summary>The fifth component of OBX-5 as sent (escapes intact): everything after the fourth component separator.</summary>
    private static ReadOnlySpan<byte> RawComponent(Hl7Segment obx, int fieldNumber)
    {
        ReadOnlySpan<byte> field = obx.Field(fieldNumber);
        byte separator = (byte)obx.Delimiters.Component;
        int start = 0;
        for (int component = 1; component < 5; component++)
        {
            int next = field[start..].IndexOf(separator);
            if (next < 0)
            {
                return [];
            }

            start += next + 1;
        }

        return field[start..];
    }

    private static byte[]? Decode(ReadOnlySpan<byte> data, string? encoding, Hl7Message message, string location, IssueList issues)
    {
        string kind = (encoding ?? "").Trim().ToUpperInvariant();
        switch (kind)
        {
            case "BASE64":
                return DecodeBase64(data, location, issues);
            case "HEX":
                return DecodeHex(data, location, issues);
            case "A":
                string raw = message.TextEncoding.GetString(data);
                return Encoding.UTF8.GetBytes(Hl7Escaping.Unescape(raw, message.Delimiters));
            default:
                issues.Error(Hl7Codes.EmbeddedEncodingUnsupported, location + ".4");
                return null;
        }
    }

    private static byte[]? DecodeBase64(ReadOnlySpan<byte> data, string location, IssueList issues)
    {
        // Senders wrap Base64 at 76 characters and some escape the line breaks (\X0D\\X0A\, \.br\): keep only the
        // Base64 alphabet's characters and padding; anything else is an error.
        byte[] compact = ArrayPool<byte>.Shared.Rent(data.Length);
        try
        {
            int length = 0;
            for (int i = 0; i < data.Length; i++)
            {
                byte b = data[i];
                if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
                {
                    continue;
                }

                if (b == (byte)'\\')
                {
                    int end = data[(i + 1)..].IndexOf((byte)'\\');
                    ReadOnlySpan<byte> escape = end < 0 ? [] : data.Slice(i + 1, end);
                    if (escape.SequenceEqual(".br"u8) || escape.SequenceEqual("X0D"u8) || escape.SequenceEqual("X0A"u8) || escape.SequenceEqual("X0D0A"u8))
                    {
                        i += end + 1;
                        continue;
                    }

                    issues.Error(Hl7Codes.EmbeddedDataInvalid, location + ".5");
                    return null;
                }

                compact[length++] = b;
            }

            if (length > Base64.GetMaxEncodedToUtf8Length(DefaultMaxBytes))
            {
                issues.Error(Hl7Codes.EmbeddedDataTooLarge, location + ".5");
                return null;
            }

            byte[] decoded = new byte[Base64.GetMaxDecodedFromUtf8Length(length)];
            OperationStatus status = Base64.DecodeFromUtf8(compact.AsSpan(0, length), decoded, out int consumed, out int written);
            if (status != OperationStatus.Done || consumed != length)
            {
                issues.Error(Hl7Codes.EmbeddedDataInvalid, location + ".5");
                return null;
            }

            return written == decoded.Length ? decoded : decoded.AsSpan(0, written).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(compact);
        }
    }

    private static byte[]? DecodeHex(ReadOnlySpan<byte> data, string location, IssueList issues)
    {
        int digits = 0;
        foreach (byte b in data)
        {
            if (!char.IsAsciiHexDigit((char)b) && b is not ((byte)' ' or (byte)'\r' or (byte)'\n'))
            {
                issues.Error(Hl7Codes.EmbeddedDataInvalid, location + ".5");
                return null;
            }

            digits += char.IsAsciiHexDigit((char)b) ? 1 : 0;
        }

        if (digits % 2 != 0)
        {
            issues.Error(Hl7Codes.EmbeddedDataInvalid, location + ".5");
            return null;
        }

        if (digits / 2 > DefaultMaxBytes)
        {
            issues.Error(Hl7Codes.EmbeddedDataTooLarge, location + ".5");
            return null;
        }

        byte[] decoded = new byte[digits / 2];
        int high = -1;
        int index = 0;
        foreach (byte b in data)
        {
            if (!char.IsAsciiHexDigit((char)b))
            {
                continue;
            }

            int value = int.Parse(((char)b).ToString(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (high < 0)
            {
                high = value;
            }
            else
            {
                decoded[index++] = (byte)((high << 4) | value);
                high = -1;
            }
        }

        return decoded;
    }
}

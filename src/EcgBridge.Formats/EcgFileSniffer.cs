using System.Text;
using EcgBridge.Core.Mapping;

namespace EcgBridge.Formats;

/// <summary>
/// Tells a vendor ECG file's format from its head: DICOM by the preamble's <c>DICM</c>; XML by the root element and
/// its namespace (RestingECG → GE MUSE, restingecgdata in the Philips namespace → Philips, AnnotatedECG in urn:hl7-org:v3
/// → aECG). Only used to choose among the profiles a feed allows; the decoder then checks everything.
/// </summary>
public static class EcgFileSniffer
{
    private const int DicomMagicOffset = 128;

    /// <summary>The format, or null when the head matches none.</summary>
    public static MappingFormat? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.Length >= DicomMagicOffset + 4 && head.Slice(DicomMagicOffset, 4).SequenceEqual("DICM"u8))
        {
            return MappingFormat.DicomEcg;
        }

        string text = Decode(head[..Math.Min(head.Length, 8192)]);
        int index = 0;
        while (true)
        {
            index = text.IndexOf('<', index);
            if (index < 0 || index + 1 >= text.Length)
            {
                return null;
            }

            char next = text[index + 1];
            if (next is '?' or '!')
            {
                index++;
                continue;
            }

            int end = text.IndexOfAny([' ', '>', '/', '\r', '\n', '\t'], index + 1);
            string name = end < 0 ? text[(index + 1)..] : text[(index + 1)..end];
            int colon = name.IndexOf(':', StringComparison.Ordinal);
            string local = colon < 0 ? name : name[(colon + 1)..];
            int close = text.IndexOf('>', index);
            string start = close < 0 ? text[index..] : text[index..close];
            return local switch
            {
                "RestingECG" => MappingFormat.GeMuseXml,
                "restingecgdata" when start.Contains("medical.philips.com", StringComparison.OrdinalIgnoreCase) => MappingFormat.PhilipsXml,
                "AnnotatedECG" when start.Contains("urn:hl7-org:v3", StringComparison.Ordinal) => MappingFormat.Hl7Aecg,
                _ => null,
            };
        }
    }

    private static string Decode(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Encoding.Unicode.GetString(head[2..]);
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Encoding.BigEndianUnicode.GetString(head[2..]);
        }

        if (head.Length >= 2 && head[0] == (byte)'<' && head[1] == 0)
        {
            return Encoding.Unicode.GetString(head);
        }

        return Encoding.Latin1.GetString(head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? head[3..] : head);
    }
}

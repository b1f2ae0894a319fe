using System.Buffers;
using System.Globalization;
using System.Text;
using EcgBridge.Core.Issues;

namespace EcgBridge.Hl7v2.Parsing;

/// <summary>
/// A parsed HL7 v2 message over its bytes: segments split on CR, LF or CRLF, delimiters from MSH-1/MSH-2, text decoded
/// with the MSH-18 character set and unescaped on access. Reading never throws for bad input; limits give codes.
/// </summary>
public sealed class Hl7Message
{
    // Control bytes other than TAB, LF and CR mean binary content (or MLLP framing bytes left in the payload).
    private static readonly SearchValues<byte> ControlBytes = SearchValues.Create(
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 127]);

    private readonly int[] _starts;
    private readonly int[] _lengths;
    private readonly int[] _occurrences;
    private readonly int _maxEscapeSequenceLength;

    private Hl7Message(ReadOnlyMemory<byte> bytes, Hl7MessageHeader header, int[] starts, int[] lengths, int[] occurrences, int count, int maxEscape)
    {
        Bytes = bytes;
        Header = header;
        _starts = starts;
        _lengths = lengths;
        _occurrences = occurrences;
        SegmentCount = count;
        _maxEscapeSequenceLength = maxEscape;
    }

    /// <summary>The message bytes as received.</summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>MSH contents.</summary>
    public Hl7MessageHeader Header { get; }

    /// <summary>The delimiters from MSH-1/MSH-2.</summary>
    public Hl7EncodingCharacters Delimiters => Header.Delimiters;

    /// <summary>Text decoder from MSH-18.</summary>
    public Encoding TextEncoding => Header.TextEncoding;

    /// <summary>Number of segments of the first message (FHS/BHS/BTS/FTS excluded).</summary>
    public int SegmentCount { get; }

    /// <summary>A segment by 0-based index.</summary>
    public Hl7Segment this[int index] =>
        (uint)index < (uint)SegmentCount
            ? new Hl7Segment(this, index, _starts[index], _lengths[index], _occurrences[index])
            : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>Index of the next segment with this id at or after <paramref name="startIndex"/>, or -1.</summary>
    public int FindSegment(ReadOnlySpan<byte> id, int startIndex = 0)
    {
        ReadOnlySpan<byte> span = Bytes.Span;
        for (int i = Math.Max(startIndex, 0); i < SegmentCount; i++)
        {
            if (_lengths[i] >= 3 && span.Slice(_starts[i], 3).SequenceEqual(id))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Unescaped, decoded text of a raw value (null when empty or only spaces).</summary>
    public string? Text(ReadOnlySpan<byte> raw)
    {
        raw = raw.Trim((byte)' ');
        if (raw.IsEmpty)
        {
            return null;
        }

        string decoded = TextEncoding.GetString(raw);
        if (raw.IndexOf(Delimiters.Escape) < 0)
        {
            return decoded;
        }

        Hl7Escaping.TryUnescape(decoded, Delimiters, TextEncoding, _maxEscapeSequenceLength, out string value);
        return value.Length == 0 ? null : value;
    }

    /// <summary>Parses with the default limits.</summary>
    public static bool TryParse(ReadOnlyMemory<byte> bytes, IssueList issues, out Hl7Message? message) =>
        TryParse(bytes, Hl7ReaderOptions.Default, issues, out message);

    /// <summary>
    /// Parses the first message of <paramref name="bytes"/>. <paramref name="message"/> is set whenever MSH and the
    /// segment structure could be read, even when the result is false because errors were recorded (for example a
    /// missing MSH-10), so that the sender can still be answered.
    /// </summary>
    public static bool TryParse(ReadOnlyMemory<byte> bytes, Hl7ReaderOptions options, IssueList issues, out Hl7Message? message)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(issues);
        message = null;
        if (bytes.Length > options.MaxMessageBytes)
        {
            issues.Error(Hl7Codes.MessageTooLarge, "message");
            return false;
        }

        ReadOnlySpan<byte> span = bytes.Span;
        int control = span.IndexOfAny(ControlBytes);
        if (control >= 0)
        {
            int segmentNumber = span[..control].Count((byte)'\r') + span[..control].Count((byte)'\n') + 1;
            issues.Error(Hl7Codes.MessageBinary, string.Create(CultureInfo.InvariantCulture, $"segment {segmentNumber}"));
            return false;
        }

        var local = new IssueList();
        bool headerRead = Hl7MessageHeader.TryRead(span, local, out Hl7MessageHeader? header);
        issues.AddRange(local);
        if (!headerRead)
        {
            return false;
        }

        int start = FindMessageStart(span);
        byte fieldSeparator = header!.Delimiters.Field;
        var starts = new List<int>(32);
        var lengths = new List<int>(32);
        var occurrences = new List<int>(32);
        var occurrenceById = new Dictionary<int, int>();
        bool structureOk = true;
        int position = start;
        while (position < span.Length)
        {
            ReadOnlySpan<byte> rest = span[position..];
            int end = rest.IndexOfAny((byte)'\r', (byte)'\n');
            int length = end < 0 ? rest.Length : end;
            ReadOnlySpan<byte> segment = rest[..length];
            int segmentStart = position;
            position += end < 0 ? rest.Length : end + 1;
            if (segment.Trim(" \t"u8).IsEmpty)
            {
                continue;
            }

            if (starts.Count > 0 && IsMessageBoundary(segment))
            {
                if (segment.StartsWith("MSH"u8))
                {
                    issues.Warning(Hl7Codes.BatchExtraMessage, string.Create(CultureInfo.InvariantCulture, $"segment {starts.Count + 1}"));
                }

                break;
            }

            if (starts.Count >= options.MaxSegments)
            {
                issues.Error(Hl7Codes.TooManySegments, "message");
                return false;
            }

            if (length > options.MaxSegmentBytes)
            {
                issues.Error(Hl7Codes.SegmentTooLong, string.Create(CultureInfo.InvariantCulture, $"segment {starts.Count + 1}"));
                return false;
            }

            if (!IsValidSegmentId(segment, fieldSeparator))
            {
                issues.Error(Hl7Codes.SegmentIdInvalid, string.Create(CultureInfo.InvariantCulture, $"segment {starts.Count + 1}"));
                structureOk = false;
                continue;
            }

            int key = segment[0] | (segment[1] << 8) | (segment[2] << 16);
            int occurrence = occurrenceById.GetValueOrDefault(key) + 1;
            occurrenceById[key] = occurrence;
            starts.Add(segmentStart);
            lengths.Add(length);
            occurrences.Add(occurrence);
        }

        message = new Hl7Message(bytes, header, [.. starts], [.. lengths], [.. occurrences], starts.Count, options.MaxEscapeSequenceLength);
        return structureOk && !local.HasErrors;
    }

    /// <summary>Offset of the first MSH after a BOM, blank lines and FHS/BHS segments; -1 when there is none.</summary>
    internal static int FindMessageStart(ReadOnlySpan<byte> span)
    {
        int position = span.StartsWith("\uFEFF"u8) ? 3 : 0;
        while (position < span.Length)
        {
            ReadOnlySpan<byte> rest = span[position..];
            int skip = rest.IndexOfAnyExcept(" \t\r\n"u8);
            if (skip < 0)
            {
                return -1;
            }

            rest = rest[skip..];
            position += skip;
            if (rest.StartsWith("MSH"u8))
            {
                return position;
            }

            if (!(rest.StartsWith("FHS"u8) || rest.StartsWith("BHS"u8)))
            {
                return -1;
            }

            int end = rest.IndexOfAny((byte)'\r', (byte)'\n');
            if (end < 0)
            {
                return -1;
            }

            position += end + 1;
        }

        return -1;
    }

    private static bool IsMessageBoundary(ReadOnlySpan<byte> segment) =>
        segment.StartsWith("MSH"u8) || segment.StartsWith("BTS"u8) || segment.StartsWith("FTS"u8)
        || segment.StartsWith("BHS"u8) || segment.StartsWith("FHS"u8);

    private static bool IsValidSegmentId(ReadOnlySpan<byte> segment, byte fieldSeparator)
    {
        if (segment.Length < 3)
        {
            return false;
        }

        for (int i = 0; i < 3; i++)
        {
            byte c = segment[i];
            if (!(c is >= (byte)'A' and <= (byte)'Z' || c is >= (byte)'0' and <= (byte)'9'))
            {
                return false;
            }
        }

        return segment.Length == 3 || segment[3] == fieldSeparator || segment[3..].Trim((byte)' ').IsEmpty;
    }
}

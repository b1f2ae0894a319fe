using System.Buffers.Binary;
using EcgBridge.Core.Issues;

namespace EcgBridge.Formats.Dicom;

/// <summary>
/// A minimal little-endian DICOM data set reader over a span: explicit or implicit VR, sequences and items of defined
/// or undefined length, nested. Every length is checked against what is left of its container, and nesting is bounded;
/// a violation is a coded issue naming the tag, never an exception or a read past the end.
/// </summary>
internal ref struct DicomDataSetReader
{
    public const int MaxDepth = 8;
    private const uint ItemTag = 0xFFFEE000;
    private const uint ItemDelimiter = 0xFFFEE00D;
    private const uint SequenceDelimiter = 0xFFFEE0DD;
    private const uint Undefined = 0xFFFFFFFF;

    // Sequences EcgBridge reads, for implicit VR files (which carry no VR).
    private static readonly uint[] KnownSequences = [0x54000100, 0x003A0200, 0x003A0208, 0x003A0211, 0x0040A730, 0x00081032];

    private readonly ReadOnlySpan<byte> _data;
    private readonly bool _explicitVr;
    private readonly IssueList _issues;

    public DicomDataSetReader(ReadOnlySpan<byte> data, bool explicitVr, IssueList issues)
    {
        _data = data;
        _explicitVr = explicitVr;
        _issues = issues;
    }

    public static string TagText(uint tag) => $"({tag >> 16:X4},{tag & 0xFFFF:X4})";

    /// <summary>Reads elements from <paramref name="start"/> to <paramref name="end"/> (or an item delimiter when <paramref name="untilDelimiter"/>).</summary>
    public bool TryRead(int start, int end, int depth, bool untilDelimiter, string location, out Dictionary<uint, DicomElement> elements, out int next)
    {
        elements = [];
        next = start;
        if (depth > MaxDepth)
        {
            _issues.Error(DicomCodes.TooDeep, location);
            return false;
        }

        int position = start;
        while (position < end)
        {
            if (end - position < 8)
            {
                _issues.Error(DicomCodes.LengthBeyondEnd, location);
                return false;
            }

            uint tag = ((uint)BinaryPrimitives.ReadUInt16LittleEndian(_data[position..]) << 16) | BinaryPrimitives.ReadUInt16LittleEndian(_data[(position + 2)..]);
            if (tag == ItemDelimiter && untilDelimiter)
            {
                next = position + 8;
                return true;
            }

            string here = location + TagText(tag);
            bool isSequence;
            uint length;
            int valueStart;
            if (_explicitVr && tag >> 16 != 0xFFFE)
            {
                string vr = $"{(char)_data[position + 4]}{(char)_data[position + 5]}";
                isSequence = vr == "SQ";
                if (vr is "OB" or "OW" or "OF" or "SQ" or "UT" or "UN" or "UC" or "UR" or "OD" or "OL" or "OV" or "SV" or "UV")
                {
                    if (end - position < 12)
                    {
                        _issues.Error(DicomCodes.LengthBeyondEnd, here);
                        return false;
                    }

                    length = BinaryPrimitives.ReadUInt32LittleEndian(_data[(position + 8)..]);
                    valueStart = position + 12;
                }
                else
                {
                    length = BinaryPrimitives.ReadUInt16LittleEndian(_data[(position + 6)..]);
                    valueStart = position + 8;
                }
            }
            else
            {
                length = BinaryPrimitives.ReadUInt32LittleEndian(_data[(position + 4)..]);
                valueStart = position + 8;
                isSequence = Array.IndexOf(KnownSequences, tag) >= 0 || (length == Undefined && tag >> 16 != 0x7FE0);
            }

            if (isSequence)
            {
                if (!TryReadSequence(valueStart, length, end, depth, here, out List<Dictionary<uint, DicomElement>> items, out position))
                {
                    return false;
                }

                elements[tag] = new DicomElement(tag, valueStart, 0, items);
                continue;
            }

            if (length == Undefined || length > (uint)(end - valueStart))
            {
                _issues.Error(DicomCodes.LengthBeyondEnd, here);
                return false;
            }

            elements[tag] = new DicomElement(tag, valueStart, (int)length, null);
            position = valueStart + (int)length;
        }

        if (untilDelimiter)
        {
            _issues.Error(DicomCodes.LengthBeyondEnd, location);
            return false;
        }

        next = position;
        return true;
    }

    private bool TryReadSequence(int start, uint length, int end, int depth, string location, out List<Dictionary<uint, DicomElement>> items, out int next)
    {
        items = [];
        next = start;
        bool undefined = length == Undefined;
        if (!undefined && length > (uint)(end - start))
        {
            _issues.Error(DicomCodes.LengthBeyondEnd, location);
            return false;
        }

        int limit = undefined ? end : start + (int)length;
        int position = start;
        while (position < limit)
        {
            if (limit - position < 8)
            {
                _issues.Error(DicomCodes.LengthBeyondEnd, location);
                return false;
            }

            uint tag = ((uint)BinaryPrimitives.ReadUInt16LittleEndian(_data[position..]) << 16) | BinaryPrimitives.ReadUInt16LittleEndian(_data[(position + 2)..]);
            uint itemLength = BinaryPrimitives.ReadUInt32LittleEndian(_data[(position + 4)..]);
            if (tag == SequenceDelimiter)
            {
                next = position + 8;
                return true;
            }

            if (tag != ItemTag)
            {
                _issues.Error(DicomCodes.LengthBeyondEnd, location);
                return false;
            }

            string itemLocation = $"{location}[{items.Count + 1}]/";
            Dictionary<uint, DicomElement> item;
            if (itemLength == Undefined)
            {
                if (!TryRead(position + 8, limit, depth + 1, untilDelimiter: true, itemLocation, out item, out position))
                {
                    return false;
                }
            }
            else
            {
                if (itemLength > (uint)(limit - position - 8))
                {
                    _issues.Error(DicomCodes.LengthBeyondEnd, itemLocation);
                    return false;
                }

                int itemEnd = position + 8 + (int)itemLength;
                if (!TryRead(position + 8, itemEnd, depth + 1, untilDelimiter: false, itemLocation, out item, out _))
                {
                    return false;
                }

                position = itemEnd;
            }

            items.Add(item);
        }

        if (undefined)
        {
            _issues.Error(DicomCodes.LengthBeyondEnd, location);
            return false;
        }

        next = limit;
        return true;
    }
}

namespace EcgBridge.Formats.Dicom;

/// <summary>One parsed element: its value bytes (offset and length in the file) or, for a sequence, its items.</summary>
internal sealed class DicomElement(uint tag, int offset, int length, List<Dictionary<uint, DicomElement>>? items)
{
    public uint Tag { get; } = tag;

    public int Offset { get; } = offset;

    public int Length { get; } = length;

    public List<Dictionary<uint, DicomElement>>? Items { get; } = items;
}

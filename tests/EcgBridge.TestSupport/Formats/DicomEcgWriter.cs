using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using EcgBridge.Core;

namespace EcgBridge.TestSupport.Formats;

/// <summary>
/// Writes minimal DICOM 12-Lead / General ECG Waveform Part 10 files (explicit or implicit VR little endian) from int16
/// channels, for round-trip and bad-input tests. Test data only.
/// </summary>
public static class DicomEcgWriter
{
    public const string TwelveLeadSopClass = "1.2.840.10008.5.1.4.1.1.9.1.1";
    public const string ExplicitLittleEndian = "1.2.840.10008.1.2.1";
    public const string ImplicitLittleEndian = "1.2.840.10008.1.2";

    private static readonly Dictionary<Lead, string> Scpecg = new()
    {
        [Lead.I] = "5.6.3-9-1",
        [Lead.II] = "5.6.3-9-2",
        [Lead.III] = "5.6.3-9-61",
        [Lead.AVR] = "5.6.3-9-62",
        [Lead.AVL] = "5.6.3-9-63",
        [Lead.AVF] = "5.6.3-9-64",
        [Lead.V1] = "5.6.3-9-3",
        [Lead.V2] = "5.6.3-9-4",
        [Lead.V3] = "5.6.3-9-5",
        [Lead.V4] = "5.6.3-9-6",
        [Lead.V5] = "5.6.3-9-7",
        [Lead.V6] = "5.6.3-9-8",
    };

    /// <summary>Options of a written file; defaults make a valid 12-lead ECG.</summary>
    public sealed record Options
    {
        public string TransferSyntax { get; init; } = ExplicitLittleEndian;

        public string SopClass { get; init; } = TwelveLeadSopClass;

        public string GroupLabel { get; init; } = "RHYTHM";

        public ushort BitsAllocated { get; init; } = 16;

        public double Sensitivity { get; init; } = 2.5;

        public string SensitivityUnit { get; init; } = "uV";

        public double CorrectionFactor { get; init; } = 1.0;

        public double Baseline { get; init; }

        public string PatientId { get; init; } = "DICOM-TEST-1";
    }

    /// <summary>Quantizes each lead to counts of <paramref name="microvoltsPerCount"/>.</summary>
    public static Dictionary<Lead, short[]> Quantize(EcgRecording recording, double microvoltsPerCount)
    {
        ArgumentNullException.ThrowIfNull(recording);
        return recording.Leads.ToDictionary(l => l.Lead, l => l.Samples.Select(mv => (short)Math.Clamp(Math.Round(mv * 1000 / microvoltsPerCount), short.MinValue, short.MaxValue)).ToArray());
    }

    public static byte[] Write(IReadOnlyDictionary<Lead, short[]> channels, double sampleRateHz, Options? options = null)
    {
        ArgumentNullException.ThrowIfNull(channels);
        options ??= new Options();
        bool explicitVr = options.TransferSyntax != ImplicitLittleEndian;
        var file = new MemoryStream();
        file.Write(new byte[128]);
        file.Write("DICM"u8);
        var meta = new MemoryStream();
        Element(meta, 0x0002, 0x0001, "OB", [0, 1], explicitVr: true);
        Element(meta, 0x0002, 0x0002, "UI", Uid(options.SopClass), explicitVr: true);
        Element(meta, 0x0002, 0x0010, "UI", Uid(options.TransferSyntax), explicitVr: true);
        Element(file, 0x0002, 0x0000, "UL", BitConverter.GetBytes((uint)meta.Length), explicitVr: true);
        file.Write(meta.ToArray());

        Element(file, 0x0008, 0x0016, "UI", Uid(options.SopClass), explicitVr);
        Element(file, 0x0008, 0x0018, "UI", Uid("1.2.826.0.1.3680043.8.498.1"), explicitVr);
        Element(file, 0x0008, 0x002A, "DT", Text("20261130140509"), explicitVr);
        Element(file, 0x0010, 0x0020, "LO", Text(options.PatientId), explicitVr);

        Lead[] leads = [.. channels.Keys];
        int samples = channels[leads[0]].Length;
        var item = new MemoryStream();
        Element(item, 0x003A, 0x0005, "US", BitConverter.GetBytes((ushort)leads.Length), explicitVr);
        Element(item, 0x003A, 0x0010, "UL", BitConverter.GetBytes((uint)samples), explicitVr);
        Element(item, 0x003A, 0x001A, "DS", Text(sampleRateHz.ToString(CultureInfo.InvariantCulture)), explicitVr);
        Element(item, 0x003A, 0x0020, "SH", Text(options.GroupLabel), explicitVr);
        var definitions = new MemoryStream();
        foreach (Lead lead in leads)
        {
            var source = new MemoryStream();
            Element(source, 0x0008, 0x0100, "SH", Text(Scpecg[lead]), explicitVr);
            Element(source, 0x0008, 0x0102, "SH", Text("SCPECG"), explicitVr);
            Element(source, 0x0008, 0x0104, "LO", Text("Lead " + LeadCatalog.DisplayName(lead)), explicitVr);
            var units = new MemoryStream();
            Element(units, 0x0008, 0x0100, "SH", Text(options.SensitivityUnit), explicitVr);
            Element(units, 0x0008, 0x0102, "SH", Text("UCUM"), explicitVr);
            var definition = new MemoryStream();
            Sequence(definition, 0x003A, 0x0208, [source.ToArray()], explicitVr);
            Element(definition, 0x003A, 0x0210, "DS", Text(options.Sensitivity.ToString(CultureInfo.InvariantCulture)), explicitVr);
            Sequence(definition, 0x003A, 0x0211, [units.ToArray()], explicitVr);
            Element(definition, 0x003A, 0x0212, "DS", Text(options.CorrectionFactor.ToString(CultureInfo.InvariantCulture)), explicitVr);
            Element(definition, 0x003A, 0x0213, "DS", Text(options.Baseline.ToString(CultureInfo.InvariantCulture)), explicitVr);
            Element(definition, 0x003A, 0x021A, "US", BitConverter.GetBytes((ushort)16), explicitVr);
            WriteItem(definitions, definition.ToArray());
        }

        SequenceRaw(item, 0x003A, 0x0200, definitions.ToArray(), explicitVr);
        Element(item, 0x5400, 0x1004, "US", BitConverter.GetBytes(options.BitsAllocated), explicitVr);
        Element(item, 0x5400, 0x1006, "CS", Text("SS"), explicitVr);
        byte[] data = new byte[samples * leads.Length * 2];
        for (int s = 0; s < samples; s++)
        {
            for (int c = 0; c < leads.Length; c++)
            {
                BinaryPrimitives.WriteInt16LittleEndian(data.AsSpan(((s * leads.Length) + c) * 2), channels[leads[c]][s]);
            }
        }

        Element(item, 0x5400, 0x1010, "OW", data, explicitVr);
        Sequence(file, 0x5400, 0x0100, [item.ToArray()], explicitVr);
        return file.ToArray();
    }

    private static byte[] Uid(string uid) => Pad(Encoding.ASCII.GetBytes(uid), 0);

    private static byte[] Text(string text) => Pad(Encoding.ASCII.GetBytes(text), (byte)' ');

    private static byte[] Pad(byte[] value, byte pad) => value.Length % 2 == 0 ? value : [.. value, pad];

    private static void Element(Stream stream, ushort group, ushort element, string vr, byte[] value, bool explicitVr)
    {
        Span<byte> header = stackalloc byte[12];
        BinaryPrimitives.WriteUInt16LittleEndian(header, group);
        BinaryPrimitives.WriteUInt16LittleEndian(header[2..], element);
        if (!explicitVr)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)value.Length);
            stream.Write(header[..8]);
        }
        else if (vr is "OB" or "OW" or "SQ" or "UN" or "UT")
        {
            header[4] = (byte)vr[0];
            header[5] = (byte)vr[1];
            header[6] = 0;
            header[7] = 0;
            BinaryPrimitives.WriteUInt32LittleEndian(header[8..], (uint)value.Length);
            stream.Write(header);
        }
        else
        {
            header[4] = (byte)vr[0];
            header[5] = (byte)vr[1];
            BinaryPrimitives.WriteUInt16LittleEndian(header[6..], (ushort)value.Length);
            stream.Write(header[..8]);
        }

        stream.Write(value);
    }

    private static void Sequence(Stream stream, ushort group, ushort element, IEnumerable<byte[]> items, bool explicitVr)
    {
        var body = new MemoryStream();
        foreach (byte[] item in items)
        {
            WriteItem(body, item);
        }

        SequenceRaw(stream, group, element, body.ToArray(), explicitVr);
    }

    private static void SequenceRaw(Stream stream, ushort group, ushort element, byte[] items, bool explicitVr) =>
        Element(stream, group, element, "SQ", items, explicitVr);

    private static void WriteItem(Stream stream, byte[] item)
    {
        Span<byte> header = stackalloc byte[8];
        BinaryPrimitives.WriteUInt16LittleEndian(header, 0xFFFE);
        BinaryPrimitives.WriteUInt16LittleEndian(header[2..], 0xE000);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)item.Length);
        stream.Write(header);
        stream.Write(item);
    }
}

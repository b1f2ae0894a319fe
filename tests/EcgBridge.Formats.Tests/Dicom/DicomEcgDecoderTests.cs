using System.Buffers.Binary;
using System.Text;
using EcgBridge.Core;
using EcgBridge.Core.Issues;
using EcgBridge.Core.Mapping;
using EcgBridge.Core.Normalization;
using EcgBridge.Formats.Dicom;
using EcgBridge.TestSupport;
using EcgBridge.TestSupport.Formats;

namespace EcgBridge.Formats.Tests.Dicom;

public sealed class DicomEcgDecoderTests
{
    private static readonly MappingProfile Profile = new() { Name = "dicom-ecg", Format = MappingFormat.DicomEcg, Options = new Dictionary<string, string> { ["timeZone"] = "UTC" } };
    private static readonly DicomEcgDecoder Decoder = new();

    private static byte[] RealFile => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "dicom", "waveform_ecg.dcm"));

    [Fact]
    public void The_Mortara_ELI_250_file_decodes_its_RHYTHM_group_as_12_leads_at_1000_Hz_in_millivolts()
    {
        var issues = new IssueList();

        bool ok = Decoder.TryDecode(RealFile, Profile, issues, out EcgRecording? recording);

        Assert.True(ok, issues.CodesText());
        Assert.Equal(1000, recording!.SampleRateHz);
        Assert.Equal(LeadCatalog.All.ToArray(), recording.Leads.Select(l => l.Lead).Order());
        Assert.All(recording.Leads, l => Assert.Equal(10_000, l.Samples.Length));
        Assert.Equal(0.1, recording.Find(Lead.I)!.Samples[0], 9);
        Assert.Equal("642341", recording.Source.PatientId);
        Assert.Equal(new DateTimeOffset(2013, 1, 25, 10, 59, 19, TimeSpan.Zero), recording.AcquisitionTime);
    }

    [Fact]
    public void Its_stored_limb_leads_obey_Einthoven_so_sensitivity_and_baseline_are_applied()
    {
        Assert.True(Decoder.TryDecode(RealFile, Profile, new IssueList(), out EcgRecording? recording));
        double[] i = recording!.Find(Lead.I)!.Samples;
        double[] ii = recording.Find(Lead.II)!.Samples;
        double[] iii = recording.Find(Lead.III)!.Samples;

        for (int k = 0; k < i.Length; k += 7)
        {
            Assert.Equal(ii[k] - i[k], iii[k], 6);
        }
    }

    [Fact]
    public void It_normalizes_to_a_12_lead_tensor()
    {
        Assert.True(Decoder.TryDecode(RealFile, Profile, new IssueList(), out EcgRecording? recording));
        var issues = new IssueList();

        Assert.True(EcgNormalizer.TryNormalize(recording!, PreprocessingOptions.Default, out EcgTensor? _, issues), issues.CodesText());
    }

    [Theory]
    [InlineData(DicomEcgWriter.ExplicitLittleEndian, 500)]
    [InlineData(DicomEcgWriter.ImplicitLittleEndian, 500)]
    [InlineData(DicomEcgWriter.ExplicitLittleEndian, 1000)]
    public void Written_files_round_trip_exactly_with_baseline_and_correction_factor(string syntax, int rate)
    {
        EcgRecording real = RealRecords.Load(rate == 1000 ? RealRecords.Ptb0010FirstSeconds : RealRecords.Hr06000);
        Dictionary<Lead, short[]> counts = DicomEcgWriter.Quantize(real, 2.5);
        byte[] file = DicomEcgWriter.Write(counts, real.SampleRateHz, new DicomEcgWriter.Options { TransferSyntax = syntax, Baseline = 3, CorrectionFactor = 1.25 });
        var issues = new IssueList();

        Assert.True(Decoder.TryDecode(file, Profile, issues, out EcgRecording? recording), issues.CodesText());

        Assert.Equal(real.SampleRateHz, recording!.SampleRateHz);
        foreach ((Lead lead, short[] written) in counts)
        {
            double[] decoded = recording.Find(lead)!.Samples;
            for (int k = 0; k < written.Length; k += 113)
            {
                Assert.Equal((written[k] + 3) * 2.5 * 1.25 * 0.001, decoded[k], 12);
            }
        }
    }

    [Theory]
    [InlineData("1.2.840.10008.1.2.2", DicomCodes.TransferSyntaxUnsupported, "(0002,0010)")]
    [InlineData("1.2.840.10008.1.2.1.99", DicomCodes.TransferSyntaxUnsupported, "(0002,0010)")]
    [InlineData("1.2.840.10008.1.2.4.70", DicomCodes.TransferSyntaxUnsupported, "(0002,0010)")]
    public void Compressed_deflated_and_big_endian_transfer_syntaxes_are_refused(string syntax, string code, string location) =>
        AssertRefused(Write(new DicomEcgWriter.Options { TransferSyntax = syntax }), code, location);

    [Fact]
    public void An_MR_image_a_median_only_file_and_8_bit_samples_are_refused_with_their_codes()
    {
        AssertRefused(Write(new DicomEcgWriter.Options { SopClass = "1.2.840.10008.5.1.4.1.1.4" }), DicomCodes.SopClassUnsupported, "(0008,0016)");
        AssertRefused(Write(new DicomEcgWriter.Options { GroupLabel = "MEDIAN BEAT" }), DicomCodes.RhythmMissing, "(5400,0100)");
        AssertRefused(Write(new DicomEcgWriter.Options { BitsAllocated = 8 }), DicomCodes.SampleFormatUnsupported, "(5400,0100)[1](5400,1004)");
        AssertRefused(Write(new DicomEcgWriter.Options { SensitivityUnit = "furlong" }), DicomCodes.SensitivityInvalid, "(5400,0100)[1](003A,0200)[1](003A,0210)");
    }

    [Fact]
    public void A_file_that_is_not_DICOM_is_refused()
    {
        AssertRefused(Encoding.ASCII.GetBytes("<RestingECG/>"), DicomCodes.NotPart10, "preamble");
    }

    [Fact]
    public void A_lying_length_is_refused_naming_the_tag()
    {
        byte[] file = RealFile;
        // The Waveform Sequence's length, made to run past the end of the file.
        int at = IndexOfTag(file, 0x5400, 0x0100);
        Assert.True(at > 0);
        byte[] lying = [.. file];
        BinaryPrimitives.WriteUInt32LittleEndian(lying.AsSpan(at + 8), (uint)file.Length * 2);

        var issues = new IssueList();
        Assert.False(Decoder.TryDecode(lying, Profile, issues, out _));
        Assert.Contains(issues, i => i.Code == DicomCodes.LengthBeyondEnd && i.Location.Contains("(5400,0100)", StringComparison.Ordinal));
    }

    [Fact]
    public void Truncated_and_mutated_files_give_codes_never_exceptions()
    {
        byte[] file = RealFile;
        var random = new Random(14);
        for (int n = 0; n < 60; n++)
        {
            byte[] truncated = file.AsSpan(0, random.Next(0, file.Length)).ToArray();
            var issues = new IssueList();
            bool ok = Decoder.TryDecode(truncated, Profile, issues, out _);
            Assert.True(ok || issues.HasErrors);
        }

        for (int n = 0; n < 300; n++)
        {
            byte[] mutated = [.. file];
            for (int k = 0; k < 4; k++)
            {
                mutated[random.Next(128, Math.Min(mutated.Length, 4096))] = (byte)random.Next(256);
            }

            var issues = new IssueList();
            bool ok = Decoder.TryDecode(mutated, Profile, issues, out _);
            Assert.True(ok || issues.HasErrors);
        }
    }

    private static byte[] Write(DicomEcgWriter.Options options)
    {
        EcgRecording real = RealRecords.Load(RealRecords.Hr06000);
        return DicomEcgWriter.Write(DicomEcgWriter.Quantize(real, 2.5), real.SampleRateHz, options);
    }

    private static int IndexOfTag(byte[] file, ushort group, ushort element)
    {
        byte[] tag = [(byte)group, (byte)(group >> 8), (byte)element, (byte)(element >> 8)];
        return file.AsSpan().IndexOf(tag);
    }

    private static void AssertRefused(byte[] file, string code, string location)
    {
        var issues = new IssueList();

        bool ok = Decoder.TryDecode(file, Profile, issues, out EcgRecording? recording);

        Assert.False(ok);
        Assert.Null(recording);
        Assert.Contains(issues, i => i.Code == code && i.Location == location);
    }
}

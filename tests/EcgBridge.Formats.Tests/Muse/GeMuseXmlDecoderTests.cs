using System.Text;
using EcgBridge.Core;
using EcgBridge.Core.Issues;
using EcgBridge.Core.Mapping;
using EcgBridge.Core.Normalization;
using EcgBridge.Formats.Muse;
using EcgBridge.Formats.Xml;
using EcgBridge.TestSupport;
using EcgBridge.TestSupport.Formats;

namespace EcgBridge.Formats.Tests.Muse;

public sealed class GeMuseXmlDecoderTests
{
    private static readonly MappingProfile Profile = new()
    {
        Name = "ge-muse-xml",
        Format = MappingFormat.GeMuseXml,
        Options = new Dictionary<string, string> { ["waveformType"] = "Rhythm", ["timeZone"] = "Europe/Berlin" },
    };

    private static readonly GeMuseXmlDecoder Decoder = new();

    [Theory]
    [InlineData(RealRecords.Hr06000, 1)]
    [InlineData(RealRecords.Hr06000, 2)]
    [InlineData(RealRecords.Ptb0010FirstSeconds, 1)]
    public void Decodes_the_rhythm_leads_of_a_real_record_to_the_written_microvolts_at_250_500_and_1000_Hz(string record, int decimation)
    {
        EcgRecording real = RealRecords.Load(record);
        EcgRecording source = Decimate(real, decimation);
        Dictionary<Lead, short[]> counts = MuseXmlWriter.Quantize(source, 4.88);
        byte[] file = MuseXmlWriter.Write(counts, source.SampleRateHz);
        var issues = new IssueList();

        bool ok = Decoder.TryDecode(file, Profile, issues, out EcgRecording? recording);

        Assert.True(ok, issues.CodesText());
        Assert.Equal(source.SampleRateHz, recording!.SampleRateHz);
        Assert.Equal(8, recording.Leads.Count);
        foreach (Lead lead in MuseXmlWriter.StoredLeads)
        {
            double[] decoded = recording.Find(lead)!.Samples;
            short[] written = counts[lead];
            Assert.Equal(written.Length, decoded.Length);
            for (int i = 0; i < written.Length; i += 97)
            {
                Assert.Equal(written[i] * 4.88 * 0.001, decoded[i], 12);
            }
        }
    }

    [Fact]
    public void Normalizes_to_a_12_lead_tensor_with_the_limb_leads_derived_from_I_and_II()
    {
        EcgRecording real = RealRecords.Load(RealRecords.Hr06000);
        byte[] file = MuseXmlWriter.Write(MuseXmlWriter.Quantize(real, 4.88), real.SampleRateHz);
        var issues = new IssueList();
        Assert.True(Decoder.TryDecode(file, Profile, issues, out EcgRecording? recording));

        bool normalized = EcgNormalizer.TryNormalize(recording!, PreprocessingOptions.Default, out EcgTensor? tensor, issues);

        Assert.True(normalized, issues.CodesText());
        Span<float> i = tensor!.LeadSpan(Lead.I);
        Span<float> ii = tensor.LeadSpan(Lead.II);
        Span<float> iii = tensor.LeadSpan(Lead.III);
        for (int k = 0; k < EcgTensor.SampleCount; k += 50)
        {
            Assert.Equal(ii[k] - i[k], iii[k], 3);
        }
    }

    [Fact]
    public void Places_the_local_acquisition_time_in_the_profile_s_time_zone_and_takes_the_patient_id()
    {
        EcgRecording real = RealRecords.Load(RealRecords.Hr06000);
        byte[] file = MuseXmlWriter.Write(MuseXmlWriter.Quantize(real, 4.88), real.SampleRateHz, patientId: "MRN-77", acquired: new DateTime(2026, 7, 1, 10, 30, 0));

        Assert.True(Decoder.TryDecode(file, Profile, new IssueList(), out EcgRecording? recording));

        Assert.Equal(new DateTimeOffset(2026, 7, 1, 10, 30, 0, TimeSpan.FromHours(2)), recording!.AcquisitionTime);
        Assert.Equal("MRN-77", recording.Source.PatientId);
    }

    [Fact]
    public void Without_a_time_zone_the_time_is_taken_as_UTC_with_a_warning()
    {
        EcgRecording real = RealRecords.Load(RealRecords.Hr06000);
        byte[] file = MuseXmlWriter.Write(MuseXmlWriter.Quantize(real, 4.88), real.SampleRateHz);
        var issues = new IssueList();

        Assert.True(Decoder.TryDecode(file, Profile with { Options = new Dictionary<string, string>() }, issues, out EcgRecording? recording));

        Assert.Equal(TimeSpan.Zero, recording!.AcquisitionTime!.Value.Offset);
        Assert.True(issues.Contains(FormatCodes.ZoneAssumedUtc));
    }

    [Fact]
    public void A_median_beat_only_file_is_refused_as_such() =>
        AssertRefused(Write(rhythm: false), MuseCodes.MedianOnly, "Waveform[Rhythm]");

    [Fact]
    public void A_corrupt_CRC_is_refused_naming_the_lead() =>
        AssertRefused(Write(corruptCrc: true), MuseCodes.CrcMismatch, "Waveform[Rhythm]/LeadData[I]/LeadDataCRC32");

    [Fact]
    public void Truncated_base64_is_refused_naming_the_lead()
    {
        string text = Encoding.Latin1.GetString(Write());
        int rhythm = text.IndexOf("<WaveformType>Rhythm", StringComparison.Ordinal);
        int data = text.IndexOf("<WaveFormData>", rhythm, StringComparison.Ordinal) + "<WaveFormData>".Length;
        string broken = text[..(data + 101)] + text[text.IndexOf("</WaveFormData>", data, StringComparison.Ordinal)..];

        AssertRefused(Encoding.Latin1.GetBytes(broken), MuseCodes.DataInvalid, "Waveform[Rhythm]/LeadData[I]/WaveFormData");
    }

    [Fact]
    public void A_lead_shorter_than_its_declared_count_is_refused()
    {
        string text = Encoding.Latin1.GetString(Write());
        int rhythm = text.IndexOf("<WaveformType>Rhythm", StringComparison.Ordinal);
        int count = text.IndexOf("<LeadSampleCountTotal>", rhythm, StringComparison.Ordinal);
        string broken = text[..count] + "<LeadSampleCountTotal>9999" + text[text.IndexOf("</LeadSampleCountTotal>", count, StringComparison.Ordinal)..];

        AssertRefused(Encoding.Latin1.GetBytes(broken), MuseCodes.LengthMismatch, "Waveform[Rhythm]/LeadData[I]/WaveFormData");
    }

    [Fact]
    public void Unknown_units_and_a_missing_rate_are_refused_with_their_codes()
    {
        string text = Encoding.Latin1.GetString(Write());
        AssertRefused(Encoding.Latin1.GetBytes(text.Replace("MICROVOLTS", "FURLONGS", StringComparison.Ordinal)), MuseCodes.UnitsUnknown, "Waveform[Rhythm]/LeadData[I]/LeadAmplitudeUnits");
        AssertRefused(Encoding.Latin1.GetBytes(text.Replace("<SampleBase>500</SampleBase>", "<SampleBase>0</SampleBase>", StringComparison.Ordinal)), MuseCodes.SampleRateInvalid, "Waveform[Rhythm]/SampleBase");
    }

    [Fact]
    public void An_unknown_lead_name_is_a_warning_and_the_lead_is_skipped()
    {
        string text = Encoding.Latin1.GetString(Write()).Replace("<LeadID>V6</LeadID>", "<LeadID>X9</LeadID>", StringComparison.Ordinal);
        var issues = new IssueList();

        Assert.True(Decoder.TryDecode(Encoding.Latin1.GetBytes(text), Profile, issues, out EcgRecording? recording));

        Assert.Equal(7, recording!.Leads.Count);
        Assert.True(issues.Contains(EcgCodes.LeadUnknown));
    }

    [Fact]
    public void External_entities_billion_laughs_and_deep_nesting_are_refused_without_an_exception()
    {
        const string External = "<?xml version=\"1.0\"?><!DOCTYPE RestingECG [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><RestingECG>&x;</RestingECG>";
        const string Laughs = "<?xml version=\"1.0\"?><!DOCTYPE RestingECG [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><RestingECG>&b;</RestingECG>";
        string deep = "<RestingECG>" + string.Concat(Enumerable.Repeat("<a>", 10_000)) + string.Concat(Enumerable.Repeat("</a>", 10_000)) + "</RestingECG>";

        AssertRefused(Encoding.UTF8.GetBytes(External), XmlCodes.EntityRefused, "RestingECG");
        AssertRefused(Encoding.UTF8.GetBytes(Laughs), XmlCodes.EntityRefused, "RestingECG");
        AssertRefused(Encoding.UTF8.GetBytes(deep), XmlCodes.TooDeep, "RestingECG");
        AssertRefused(Encoding.UTF8.GetBytes("<RestingECG><Waveform>"), XmlCodes.Malformed, "RestingECG");
    }

    [Fact]
    public void The_restecg_DTD_line_is_ignored_not_fetched_and_not_a_reason_to_reject()
    {
        byte[] file = Write();

        Assert.Contains("restecg.dtd", Encoding.Latin1.GetString(file), StringComparison.Ordinal);
        Assert.True(Decoder.TryDecode(file, Profile, new IssueList(), out _));
    }

    private static byte[] Write(bool rhythm = true, bool corruptCrc = false)
    {
        EcgRecording real = RealRecords.Load(RealRecords.Hr06000);
        return MuseXmlWriter.Write(MuseXmlWriter.Quantize(real, 4.88), real.SampleRateHz, rhythm: rhythm, corruptCrc: corruptCrc);
    }

    private static void AssertRefused(byte[] file, string code, string location)
    {
        var issues = new IssueList();

        bool ok = Decoder.TryDecode(file, Profile, issues, out EcgRecording? recording);

        Assert.False(ok);
        Assert.Null(recording);
        Assert.Contains(issues, i => i.Code == code && i.Location == location);
    }

    private static EcgRecording Decimate(EcgRecording recording, int factor)
    {
        if (factor == 1)
        {
            return recording;
        }

        var leads = recording.Leads.Select(l => new LeadSignal(l.Lead, [.. l.Samples.Where((_, i) => i % factor == 0)])).ToList();
        return new EcgRecording(leads, recording.SampleRateHz / factor);
    }
}

using System.Globalization;
using System.Text;
using EcgBridge.Core;
using EcgBridge.Core.Issues;
using EcgBridge.Core.Mapping;
using EcgBridge.Core.Normalization;
using EcgBridge.Formats.Philips;

namespace EcgBridge.Formats.Tests.Philips;

public sealed class PhilipsXmlDecoderTests
{
    private static readonly PhilipsXmlDecoder Decoder = new();
    private static readonly MappingProfile Profile = FormatsTestProfiles.For(MappingFormat.PhilipsXml, ("timeZone", "Europe/Berlin"));

    public static TheoryData<string> RealFiles => new() { "129DYPRG.XML", "3191723_ZZDEMOPTONLY_1-04_orig.xml" };

    [Theory]
    [MemberData(nameof(RealFiles))]
    public void Real_file_decodes_to_the_counts_of_the_independent_python_decode(string file)
    {
        var issues = new IssueList();
        Assert.True(Decoder.TryDecode(FormatsTestProfiles.Read("philips", file), Profile, issues, out EcgRecording? recording), issues.CodesText());
        Assert.Equal(500, recording.SampleRateHz);
        Assert.Equal(12, recording.Leads.Count);
        int checkedLeads = 0;
        foreach (string line in File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "TestData", "philips", "expected.tsv")))
        {
            string[] cells = line.Split('\t');
            if (cells[0] != file)
            {
                continue;
            }

            LeadSignal lead = recording.Find(LeadCatalog.Parse(cells[1]))!;
            Assert.Equal(int.Parse(cells[2], CultureInfo.InvariantCulture), lead.Samples.Length);
            long sum = 0;
            foreach (double mv in lead.Samples)
            {
                sum += (long)Math.Round(mv / 0.005);
            }

            Assert.Equal(long.Parse(cells[3], CultureInfo.InvariantCulture), sum);
            string[] first = cells[4].Split(' ');
            for (int k = 0; k < first.Length; k++)
            {
                // Counts × 5 µV: 0.005 mV steps, exact to 1e-9 after double scaling.
                Assert.Equal(int.Parse(first[k], CultureInfo.InvariantCulture) * 0.005, lead.Samples[k], 9);
            }

            checkedLeads++;
        }

        Assert.Equal(12, checkedLeads);
    }

    [Theory]
    [MemberData(nameof(RealFiles))]
    public void Real_file_normalizes_to_a_12_by_5000_tensor_with_plausible_amplitudes(string file)
    {
        var issues = new IssueList();
        Assert.True(Decoder.TryDecode(FormatsTestProfiles.Read("philips", file), Profile, issues, out EcgRecording? recording));
        Assert.True(EcgNormalizer.TryNormalize(recording, new PreprocessingOptions(), out EcgTensor? tensor, issues), issues.CodesText());
        Assert.Equal(12 * 5000, tensor!.Data.Length);
        float max = 0;
        foreach (float v in tensor.Data)
        {
            max = Math.Max(max, Math.Abs(v));
        }

        Assert.InRange(max, 0.2f, 5f);
    }

    [Fact]
    public void Real_file_limb_leads_follow_Einthoven_after_residual_reconstruction()
    {
        var issues = new IssueList();
        Assert.True(Decoder.TryDecode(FormatsTestProfiles.Read("philips", "129DYPRG.XML"), Profile, issues, out EcgRecording? recording));
        double[] i = recording.Find(Lead.I)!.Samples;
        double[] ii = recording.Find(Lead.II)!.Samples;
        double[] iii = recording.Find(Lead.III)!.Samples;
        double deviation = 0;
        for (int k = 0; k < i.Length; k++)
        {
            deviation += Math.Abs(iii[k] - (ii[k] - i[k]));
        }

        // The stored III residual is small but not zero; without the reconstruction III would be the residual itself
        // and differ from II − I by the whole lead amplitude.
        Assert.InRange(deviation / i.Length, 0, 0.05);
    }

    [Fact]
    public void Acquisition_time_is_read_in_the_profile_zone_and_the_patient_id()
    {
        var issues = new IssueList();
        Assert.True(Decoder.TryDecode(FormatsTestProfiles.Read("philips", "129DYPRG.XML"), Profile, issues, out EcgRecording? recording));
        Assert.Equal(new DateTimeOffset(2011, 12, 1, 7, 27, 34, TimeSpan.FromHours(1)), recording.AcquisitionTime);
        Assert.Equal("1112010721168bdc", recording.Source.PatientId);
    }

    [Fact]
    public void Truncated_xli_stream_is_refused_with_the_lead_named()
    {
        string text = Encoding.UTF8.GetString(FormatsTestProfiles.Read("philips", "129DYPRG.XML"));
        int start = text.IndexOf("Base64\" durationperchannel=\"11000\" nbitspersample=\"16\">", StringComparison.Ordinal);
        start = text.IndexOf('>', start) + 1;
        int end = text.IndexOf("</parsedwaveforms>", start, StringComparison.Ordinal);
        byte[] raw = Convert.FromBase64String(text[start..end]);
        string shortened = Convert.ToBase64String(raw.AsSpan(0, 3000));
        byte[] file = Encoding.UTF8.GetBytes(text[..start] + shortened + text[end..]);
        var issues = new IssueList();
        Assert.False(Decoder.TryDecode(file, Profile, issues, out _));
        Assert.Contains(new Issue(PhilipsCodes.XliTruncated, IssueSeverity.Error, "waveforms/parsedwaveforms[II]"), issues);
    }

    [Fact]
    public void Corrupt_base64_is_refused()
    {
        byte[] file = Replace("129DYPRG.XML", "7gUAAAEAAAAAEAQF", "7gUA*AEAAAAAEAQF");
        var issues = new IssueList();
        Assert.False(Decoder.TryDecode(file, Profile, issues, out _));
        Assert.Contains(new Issue(PhilipsCodes.DataInvalid, IssueSeverity.Error, "waveforms/parsedwaveforms"), issues);
    }

    [Fact]
    public void Zero_sampling_rate_is_refused()
    {
        byte[] file = Replace("129DYPRG.XML", "<samplingrate>500</samplingrate>", "<samplingrate>0</samplingrate>");
        var issues = new IssueList();
        Assert.False(Decoder.TryDecode(file, Profile, issues, out _));
        Assert.Contains(new Issue(PhilipsCodes.SampleRateInvalid, IssueSeverity.Error, "dataacquisition/signalcharacteristics/samplingrate"), issues);
    }

    [Fact]
    public void Missing_resolution_is_refused()
    {
        byte[] file = Replace("129DYPRG.XML", "<signalresolution>5</signalresolution>", "");
        var issues = new IssueList();
        Assert.False(Decoder.TryDecode(file, Profile, issues, out _));
        Assert.Contains(new Issue(PhilipsCodes.ResolutionInvalid, IssueSeverity.Error, "dataacquisition/signalcharacteristics/resolution"), issues);
    }

    [Fact]
    public void Absent_time_zone_reads_the_time_as_utc_with_a_warning()
    {
        var issues = new IssueList();
        Assert.True(Decoder.TryDecode(FormatsTestProfiles.Read("philips", "129DYPRG.XML"), FormatsTestProfiles.For(MappingFormat.PhilipsXml), issues, out EcgRecording? recording));
        Assert.Equal(TimeSpan.Zero, recording.AcquisitionTime!.Value.Offset);
        Assert.Contains(new Issue(FormatCodes.ZoneAssumedUtc, IssueSeverity.Warning, "dataacquisition/@time"), issues);
    }

    private static byte[] Replace(string file, string from, string to)
    {
        string text = Encoding.UTF8.GetString(FormatsTestProfiles.Read("philips", file));
        Assert.Contains(from, text, StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(text.Replace(from, to, StringComparison.Ordinal));
    }
}

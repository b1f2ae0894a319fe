using EcgBridge.Core;
using EcgBridge.Core.Issues;
using EcgBridge.Core.Mapping;
using EcgBridge.Core.Normalization;
using EcgBridge.Formats.Aecg;

namespace EcgBridge.Formats.Tests.Aecg;

public sealed class AecgDecoderTests
{
    private static readonly MappingProfile Profile = new() { Name = "hl7-aecg", Format = MappingFormat.Hl7Aecg };
    private static readonly AecgDecoder Decoder = new();

    private static byte[] RealFile => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "aecg", "ecg_hl7.xml"));

    [Fact]
    public void The_HL7_IG_example_decodes_its_rhythm_series_at_500_Hz_in_millivolts()
    {
        var issues = new IssueList();

        bool ok = Decoder.TryDecode(RealFile, Profile, issues, out EcgRecording? recording);

        Assert.True(ok, issues.CodesText());
        Assert.Equal(500, recording!.SampleRateHz, 9);
        Assert.Equal(LeadCatalog.All.ToArray(), recording.Leads.Select(l => l.Lead).Order());
        Assert.All(recording.Leads, l => Assert.Equal(recording.SampleCount, l.Samples.Length));
        Assert.All(recording.Leads, l => Assert.InRange(l.Samples.Max() - l.Samples.Min(), 0.1, 10));
        Assert.Equal("SBJ-123", recording.Source.PatientId);
        Assert.Equal(new DateTime(2002, 11, 22, 9, 10, 0), recording.AcquisitionTime!.Value.DateTime);
    }

    [Fact]
    public void Its_digits_follow_Einthoven_so_the_scale_and_origin_are_applied()
    {
        Assert.True(Decoder.TryDecode(RealFile, Profile, new IssueList(), out EcgRecording? recording));
        double[] i = recording!.Find(Lead.I)!.Samples;
        double[] ii = recording.Find(Lead.II)!.Samples;
        double[] iii = recording.Find(Lead.III)!.Samples;

        double worst = 0;
        for (int k = 0; k < i.Length; k++)
        {
            worst = Math.Max(worst, Math.Abs(ii[k] - i[k] - iii[k]));
        }

        Assert.True(worst < 0.05, $"III differs from II - I by up to {worst} mV");
    }

    [Fact]
    public void Normalizes_to_a_12_lead_tensor()
    {
        Assert.True(Decoder.TryDecode(RealFile, Profile, new IssueList(), out EcgRecording? recording));
        var issues = new IssueList();

        bool ok = EcgNormalizer.TryNormalize(recording!, PreprocessingOptions.Default, out EcgTensor? tensor, issues);

        Assert.True(ok, issues.CodesText());
        Assert.All(LeadCatalog.All.ToArray(), lead => Assert.InRange(MaxAbs(tensor!.LeadSpan(lead)), 0.05f, 10f));
    }

    private static float MaxAbs(Span<float> values)
    {
        float max = 0;
        foreach (float v in values)
        {
            max = Math.Max(max, Math.Abs(v));
        }

        return max;
    }

    [Fact]
    public void A_file_with_only_representative_beats_is_refused()
    {
        string text = System.Text.Encoding.UTF8.GetString(RealFile).Replace("code=\"RHYTHM\"", "code=\"OTHER\"", StringComparison.Ordinal);
        var issues = new IssueList();

        Assert.False(Decoder.TryDecode(System.Text.Encoding.UTF8.GetBytes(text), Profile, issues, out _));

        Assert.True(issues.Contains(AecgCodes.RhythmMissing));
    }

    [Fact]
    public void A_missing_increment_and_non_numeric_digits_are_refused_with_their_codes()
    {
        string text = System.Text.Encoding.UTF8.GetString(RealFile);
        var noIncrement = new IssueList();
        var badDigits = new IssueList();

        Assert.False(Decoder.TryDecode(System.Text.Encoding.UTF8.GetBytes(text.Replace("<increment value=\"0.002\" unit=\"s\"/>", "<increment value=\"0\" unit=\"s\"/>", StringComparison.Ordinal)), Profile, noIncrement, out _));
        int digits = text.IndexOf("<digits>", StringComparison.Ordinal) + 8;
        Assert.False(Decoder.TryDecode(System.Text.Encoding.UTF8.GetBytes(text[..digits] + "12 x7 " + text[digits..]), Profile, badDigits, out _));

        Assert.True(noIncrement.Contains(AecgCodes.IncrementInvalid));
        Assert.True(badDigits.Contains(AecgCodes.DigitsInvalid));
    }
}

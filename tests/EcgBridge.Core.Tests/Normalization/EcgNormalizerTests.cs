using EcgBridge.Core.Issues;
using EcgBridge.Core.Normalization;
using EcgBridge.TestSupport;
using Xunit.Abstractions;

namespace EcgBridge.Core.Tests.Normalization;

public sealed class EcgNormalizerTests(ITestOutputHelper output)
{
    // Measured against scipy 1.10.1: at most 1.5e-8 mV (one float32 ulp); the bound leaves room for other CPUs and libm.
    private const double ToleranceAtModelRate = 1e-6;
    private const double ToleranceResampled = 1e-6;

    [Theory]
    [MemberData(nameof(NormalizationFixture.Names), MemberType = typeof(NormalizationFixture))]
    public void Matches_the_scipy_reference_tensor(string name)
    {
        NormalizationFixture fixture = NormalizationFixture.Get(name);
        var issues = new IssueList();

        bool accepted = EcgNormalizer.TryNormalize(fixture.Recording(), fixture.PreprocessingOptions, out EcgTensor? tensor, issues);

        Assert.True(accepted, issues.CodesText());
        float[] expected = fixture.Expected();
        double worst = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(expected[i] - tensor!.Data[i]));
        }

        output.WriteLine($"{name}: max |C# − scipy| = {worst:E2} mV");
        Assert.True(worst <= (fixture.SourceRateHz == 500 ? ToleranceAtModelRate : ToleranceResampled), $"max abs error {worst:E2} mV");
    }

    [Fact]
    public void Produces_bit_identical_tensors_on_repeated_runs()
    {
        EcgRecording recording = SyntheticRecordings.Create(257, 11);
        var first = new float[EcgTensor.Length];
        var second = new float[EcgTensor.Length];

        Assert.True(EcgNormalizer.TryNormalize(recording, PreprocessingOptions.Default, first, new IssueList()));
        Assert.True(EcgNormalizer.TryNormalize(recording, PreprocessingOptions.Default, second, new IssueList()));

        Assert.Equal(new EcgTensor(first).Sha256Hex(), new EcgTensor(second).Sha256Hex());
    }

    [Fact]
    public void Maps_leads_by_name_whatever_their_order_and_spelling()
    {
        Assert.True(EcgNormalizer.TryNormalize(RealRecords.Load(RealRecords.Hr06000), PreprocessingOptions.Default, out EcgTensor? standard, new IssueList()));
        Assert.True(EcgNormalizer.TryNormalize(RealRecords.Load(RealRecords.Hr06000Reordered), PreprocessingOptions.Default, out EcgTensor? reordered, new IssueList()));

        Assert.Equal(standard!.Sha256Hex(), reordered!.Sha256Hex());
    }

    [Fact]
    public void Reads_the_LUDB_record_whose_header_names_another_file_and_says_so()
    {
        var issues = new IssueList();
        EcgRecording recording = RealRecords.Load(RealRecords.Ludb, issues);

        Assert.True(EcgNormalizer.TryNormalize(recording, PreprocessingOptions.Default, out _, issues));
        Assert.Contains(issues, i => i.Code == "WFDB-FILE-RENAMED" && i.Severity == IssueSeverity.Warning);
        Assert.False(issues.HasErrors);
    }

    [Theory]
    [InlineData(Lead.I, Lead.II)]
    [InlineData(Lead.I, Lead.III)]
    [InlineData(Lead.II, Lead.III)]
    public void Derives_the_missing_limb_leads_from_any_two_of_I_II_III(Lead first, Lead second)
    {
        EcgRecording full = RealRecords.Load(RealRecords.Hr06000);
        var kept = full.Leads.Where(l => l.Lead is not (Lead.I or Lead.II or Lead.III or Lead.AVR or Lead.AVL or Lead.AVF) || l.Lead == first || l.Lead == second).ToList();

        Assert.True(EcgNormalizer.TryNormalize(new EcgRecording(kept, full.SampleRateHz), PreprocessingOptions.Default, out EcgTensor? tensor, new IssueList()));

        Span<float> i = tensor!.LeadSpan(Lead.I), ii = tensor.LeadSpan(Lead.II), iii = tensor.LeadSpan(Lead.III);
        Span<float> avr = tensor.LeadSpan(Lead.AVR), avl = tensor.LeadSpan(Lead.AVL), avf = tensor.LeadSpan(Lead.AVF);
        for (int k = 0; k < EcgTensor.SampleCount; k++)
        {
            Assert.Equal(ii[k] - i[k], iii[k], 1e-5);
            Assert.Equal(-(i[k] + ii[k]) / 2, avr[k], 1e-5);
            Assert.Equal(i[k] - (ii[k] / 2), avl[k], 1e-5);
            Assert.Equal(ii[k] - (i[k] / 2), avf[k], 1e-5);
        }
    }

    [Fact]
    public void Keeps_sent_augmented_leads_instead_of_deriving_them()
    {
        EcgRecording full = RealRecords.Load(RealRecords.Hr06000);
        var withoutIII = full.Leads.Where(l => l.Lead != Lead.III).ToList();

        Assert.True(EcgNormalizer.TryNormalize(full, PreprocessingOptions.Default, out EcgTensor? original, new IssueList()));
        Assert.True(EcgNormalizer.TryNormalize(new EcgRecording(withoutIII, 500), PreprocessingOptions.Default, out EcgTensor? derived, new IssueList()));

        Assert.True(original!.LeadSpan(Lead.AVR).SequenceEqual(derived!.LeadSpan(Lead.AVR)));
    }

    [Fact]
    public void Rejects_a_missing_precordial_lead_naming_it()
    {
        EcgRecording full = RealRecords.Load(RealRecords.Hr06000);
        var issues = new IssueList();

        bool accepted = EcgNormalizer.TryNormalize(Without(full, Lead.V3), PreprocessingOptions.Default, out EcgTensor? tensor, issues);

        Assert.False(accepted);
        Assert.Null(tensor);
        Assert.Equal([new Issue(EcgCodes.LeadsMissing, IssueSeverity.Error, "lead V3")], issues);
    }

    [Fact]
    public void Rejects_limb_leads_without_a_pair_naming_each_missing_lead()
    {
        EcgRecording full = RealRecords.Load(RealRecords.Hr06000);
        var issues = new IssueList();

        Assert.False(EcgNormalizer.TryNormalize(Without(full, Lead.II, Lead.III, Lead.AVF), PreprocessingOptions.Default, out _, issues));

        Assert.Equal(["lead II", "lead III", "lead aVF"], issues.Where(i => i.Code == EcgCodes.LeadsMissing).Select(i => i.Location));
    }

    [Fact]
    public void Rejects_the_same_lead_sent_twice()
    {
        EcgRecording full = RealRecords.Load(RealRecords.Hr06000);
        var leads = full.Leads.Append(new LeadSignal(Lead.V2, full.Find(Lead.V2)!.Samples)).ToList();
        var issues = new IssueList();

        Assert.False(EcgNormalizer.TryNormalize(new EcgRecording(leads, 500), PreprocessingOptions.Default, out _, issues));

        Assert.Equal([new Issue(EcgCodes.LeadDuplicate, IssueSeverity.Error, "lead V2")], issues);
    }

    [Fact]
    public void Rejects_leads_of_different_lengths()
    {
        EcgRecording full = RealRecords.Load(RealRecords.Hr06000);
        var leads = full.Leads.Select(l => l.Lead == Lead.V4 ? new LeadSignal(Lead.V4, l.Samples[..4000]) : l).ToList();
        var issues = new IssueList();

        Assert.False(EcgNormalizer.TryNormalize(new EcgRecording(leads, 500), PreprocessingOptions.Default, out _, issues));

        Assert.Equal([new Issue(EcgCodes.LeadLengthMismatch, IssueSeverity.Error, "lead V4")], issues);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-500)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(49)]
    [InlineData(2001)]
    [InlineData(Math.PI * 100)]
    public void Rejects_unsupported_sample_rates(double rate)
    {
        EcgRecording full = RealRecords.Load(RealRecords.Hr06000);
        var issues = new IssueList();

        Assert.False(EcgNormalizer.TryNormalize(new EcgRecording(full.Leads, rate), PreprocessingOptions.Default, out _, issues));

        Assert.Equal([new Issue(EcgCodes.SampleRateUnsupported, IssueSeverity.Error, "recording")], issues);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(125)]
    [InlineData(150)]
    [InlineData(250)]
    [InlineData(257)]
    [InlineData(360)]
    [InlineData(500)]
    [InlineData(1000)]
    [InlineData(2000)]
    public void Accepts_every_rate_seen_in_real_feeds(double rate)
    {
        var issues = new IssueList();

        Assert.True(EcgNormalizer.TryNormalize(SyntheticRecordings.Create(rate, 10), PreprocessingOptions.Default, out EcgTensor? tensor, issues), issues.CodesText());
        Assert.All(tensor!.Data, x => Assert.True(float.IsFinite(x)));
    }

    [Fact]
    public void Rejects_a_record_shorter_than_the_minimum()
    {
        var issues = new IssueList();

        Assert.False(EcgNormalizer.TryNormalize(SyntheticRecordings.Create(500, 9.98), PreprocessingOptions.Default, out _, issues));

        Assert.Equal([new Issue(EcgCodes.TooShort, IssueSeverity.Error, "recording")], issues);
    }

    [Fact]
    public void Zero_pads_the_tail_of_a_record_between_the_minimum_and_the_window()
    {
        PreprocessingOptions options = PreprocessingOptions.Default with { MinimumSeconds = 8 };

        Assert.True(EcgNormalizer.TryNormalize(SyntheticRecordings.Create(500, 8.5), options, out EcgTensor? tensor, new IssueList()));

        Assert.All(LeadCatalog.All.ToArray(), lead => Assert.True(tensor!.LeadSpan(lead)[4250..].IndexOfAnyExcept(0f) < 0));
        Assert.NotEqual(0f, tensor!.LeadSpan(Lead.V1)[4249]);
    }

    [Fact]
    public void Applies_the_model_scale_last()
    {
        EcgRecording recording = RealRecords.Load(RealRecords.E07506);
        Assert.True(EcgNormalizer.TryNormalize(recording, PreprocessingOptions.Default, out EcgTensor? plain, new IssueList()));
        Assert.True(EcgNormalizer.TryNormalize(recording, PreprocessingOptions.Default with { Scale = 2 }, out EcgTensor? scaled, new IssueList()));

        for (int i = 0; i < EcgTensor.Length; i++)
        {
            Assert.Equal(plain!.Data[i] * 2, scaled!.Data[i], 1e-6);
        }
    }

    [Fact]
    public void Rejects_preprocessing_parameters_this_build_does_not_implement()
    {
        var issues = new IssueList();
        PreprocessingOptions options = PreprocessingOptions.Default with { Version = "v2", HighPassCutoffHz = 300 };

        Assert.False(EcgNormalizer.TryNormalize(RealRecords.Load(RealRecords.Hr06000), options, out _, issues));

        Assert.Equal(["preprocessing.version", "preprocessing.highPassCutoffHz"], issues.Select(i => i.Location));
        Assert.All(issues, i => Assert.Equal(EcgCodes.PreprocessingUnsupported, i.Code));
    }

    [Fact]
    public void Leaves_a_zeroed_buffer_when_it_rejects()
    {
        float[] buffer = Enumerable.Repeat(7f, EcgTensor.Length).ToArray();

        Assert.False(EcgNormalizer.TryNormalize(SyntheticRecordings.Create(500, 5), PreprocessingOptions.Default, buffer, new IssueList()));

        Assert.True(buffer.AsSpan().IndexOfAnyExcept(0f) < 0);
    }

    [Fact]
    public void Normalizes_every_real_500_Hz_record_without_findings()
    {
        foreach (string name in new[] { RealRecords.Hr06000, RealRecords.E07506, RealRecords.Js20002 })
        {
            var issues = new IssueList();
            Assert.True(EcgNormalizer.TryNormalize(RealRecords.Load(name), PreprocessingOptions.Default, out _, issues), name + ": " + issues.CodesText());
            Assert.Empty(issues);
        }
    }

    internal static EcgRecording Without(EcgRecording recording, params Lead[] removed) =>
        new(recording.Leads.Where(l => !removed.Contains(l.Lead)).ToList(), recording.SampleRateHz);
}

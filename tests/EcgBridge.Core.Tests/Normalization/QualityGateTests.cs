using EcgBridge.Core.Issues;
using EcgBridge.Core.Normalization;
using EcgBridge.TestSupport;

namespace EcgBridge.Core.Tests.Normalization;

public sealed class QualityGateTests
{
    private static readonly PreprocessingOptions FlagEverything = PreprocessingOptions.Default with
    {
        Quality = new QualityGateOptions
        {
            Flat = QualityAction.Flag,
            Saturation = QualityAction.Flag,
            Implausible = QualityAction.Flag,
            InvalidSamples = QualityAction.Flag,
            Duplicate = QualityAction.Flag,
        },
    };

    [Fact]
    public void Rejects_a_lead_of_zeros_naming_it()
    {
        EcgRecording recording = Replace(RealRecords.Load(RealRecords.Hr06000), Lead.V2, _ => 0);
        var issues = new IssueList();

        Assert.False(EcgNormalizer.TryNormalize(recording, PreprocessingOptions.Default, out _, issues));

        Assert.Equal([new Issue(EcgCodes.LeadFlat, IssueSeverity.Error, "lead V2")], issues);
    }

    [Fact]
    public void Flags_instead_of_rejecting_when_the_manifest_says_so()
    {
        EcgRecording recording = Replace(RealRecords.Load(RealRecords.Hr06000), Lead.V2, _ => 0);
        var issues = new IssueList();

        Assert.True(EcgNormalizer.TryNormalize(recording, FlagEverything, out _, issues));

        Assert.Equal([new Issue(EcgCodes.LeadFlat, IssueSeverity.Warning, "lead V2")], issues);
    }

    [Fact]
    public void Reports_a_flat_source_lead_once_and_not_on_the_leads_derived_from_it()
    {
        EcgRecording eightLeads = EcgNormalizerTests.Without(RealRecords.Load(RealRecords.Hr06000), Lead.III, Lead.AVR, Lead.AVL, Lead.AVF);
        EcgRecording recording = Replace(eightLeads, Lead.I, _ => 0.25);
        var issues = new IssueList();

        Assert.False(EcgNormalizer.TryNormalize(recording, PreprocessingOptions.Default, out _, issues));

        Assert.Equal([new Issue(EcgCodes.LeadFlat, IssueSeverity.Error, "lead I")], issues);
    }

    [Fact]
    public void Rejects_a_lead_that_sits_at_its_data_range_limit()
    {
        EcgRecording full = RealRecords.Load(RealRecords.Hr06000);
        LeadSignal v5 = full.Find(Lead.V5)!;
        double upper = v5.UpperLimitMillivolts!.Value;
        EcgRecording recording = Replace(full, Lead.V5, i => i is >= 1000 and < 1100 ? upper : v5.Samples[i]);
        var issues = new IssueList();

        Assert.False(EcgNormalizer.TryNormalize(recording, PreprocessingOptions.Default, out _, issues));

        Assert.Contains(new Issue(EcgCodes.LeadSaturated, IssueSeverity.Error, "lead V5"), issues);
    }

    [Fact]
    public void Accepts_a_touch_of_the_limit_shorter_than_the_saturation_run()
    {
        EcgRecording full = RealRecords.Load(RealRecords.Hr06000);
        LeadSignal v5 = full.Find(Lead.V5)!;
        double lower = v5.LowerLimitMillivolts!.Value;
        EcgRecording recording = Replace(full, Lead.V5, i => i is >= 1000 and < 1010 ? lower : v5.Samples[i]);
        var issues = new IssueList();

        EcgNormalizer.TryNormalize(recording, PreprocessingOptions.Default, out _, issues);

        Assert.DoesNotContain(issues, i => i.Code == EcgCodes.LeadSaturated);
    }

    [Fact]
    public void Rejects_a_lead_swinging_beyond_10_mV_after_baseline_removal()
    {
        EcgRecording full = RealRecords.Load(RealRecords.Hr06000);
        double[] v4 = full.Find(Lead.V4)!.Samples;
        EcgRecording recording = Replace(full, Lead.V4, i => v4[i] * 20);
        var issues = new IssueList();

        Assert.False(EcgNormalizer.TryNormalize(recording, PreprocessingOptions.Default, out _, issues));

        Assert.Equal([new Issue(EcgCodes.AmplitudeImplausible, IssueSeverity.Error, "lead V4")], issues);
    }

    [Fact]
    public void Reports_implausible_amplitude_on_the_sent_limb_lead_rather_than_the_derived_ones()
    {
        EcgRecording eightLeads = EcgNormalizerTests.Without(RealRecords.Load(RealRecords.Hr06000), Lead.III, Lead.AVR, Lead.AVL, Lead.AVF);
        EcgRecording recording = Replace(eightLeads, Lead.II, i => 12 * Math.Sin(i / 30.0));
        var issues = new IssueList();

        Assert.False(EcgNormalizer.TryNormalize(recording, PreprocessingOptions.Default, out _, issues));

        Assert.Equal([new Issue(EcgCodes.AmplitudeImplausible, IssueSeverity.Error, "lead II")], issues);
    }

    [Fact]
    public void Rejects_non_finite_samples_naming_the_lead()
    {
        EcgRecording full = RealRecords.Load(RealRecords.Hr06000);
        double[] iii = full.Find(Lead.III)!.Samples;
        EcgRecording recording = Replace(full, Lead.III, i => i == 2500 ? double.NaN : i == 10 ? double.PositiveInfinity : iii[i]);
        var issues = new IssueList();

        Assert.False(EcgNormalizer.TryNormalize(recording, PreprocessingOptions.Default, out _, issues));

        Assert.Equal([new Issue(EcgCodes.SampleInvalid, IssueSeverity.Error, "lead III")], issues);
    }

    [Fact]
    public void Keeps_the_tensor_finite_when_invalid_samples_are_only_flagged()
    {
        EcgRecording full = RealRecords.Load(RealRecords.Hr06000);
        double[] iii = full.Find(Lead.III)!.Samples;
        EcgRecording recording = Replace(full, Lead.III, i => i < 3 || i == 2500 ? double.NaN : iii[i]);
        var issues = new IssueList();

        Assert.True(EcgNormalizer.TryNormalize(recording, FlagEverything, out EcgTensor? tensor, issues));

        Assert.Equal([new Issue(EcgCodes.SampleInvalid, IssueSeverity.Warning, "lead III")], issues);
        Assert.All(tensor!.Data, x => Assert.True(float.IsFinite(x)));
    }

    [Fact]
    public void Rejects_two_leads_with_identical_samples_naming_the_second()
    {
        EcgRecording full = RealRecords.Load(RealRecords.Hr06000);
        double[] v2 = full.Find(Lead.V2)!.Samples;
        EcgRecording recording = Replace(full, Lead.V3, i => v2[i]);
        var issues = new IssueList();

        Assert.False(EcgNormalizer.TryNormalize(recording, PreprocessingOptions.Default, out _, issues));

        Assert.Equal([new Issue(EcgCodes.LeadDuplicate, IssueSeverity.Error, "lead V3")], issues);
    }

    [Fact]
    public void Reports_several_flat_leads_as_flat_not_as_duplicates_of_each_other()
    {
        EcgRecording recording = RealRecords.Load(RealRecords.Hr06000);
        foreach (Lead lead in new[] { Lead.V4, Lead.V5, Lead.V6 })
        {
            recording = Replace(recording, lead, _ => 0);
        }

        var issues = new IssueList();

        Assert.False(EcgNormalizer.TryNormalize(recording, PreprocessingOptions.Default, out _, issues));

        Assert.Equal(["lead V4", "lead V5", "lead V6"], issues.Select(i => i.Location));
        Assert.All(issues, i => Assert.Equal(EcgCodes.LeadFlat, i.Code));
    }

    private static EcgRecording Replace(EcgRecording recording, Lead lead, Func<int, double> sample)
    {
        var leads = recording.Leads.Select(l =>
        {
            if (l.Lead != lead)
            {
                return l;
            }

            var samples = new double[l.Samples.Length];
            for (int i = 0; i < samples.Length; i++)
            {
                samples[i] = sample(i);
            }

            return new LeadSignal(lead, samples) { LowerLimitMillivolts = l.LowerLimitMillivolts, UpperLimitMillivolts = l.UpperLimitMillivolts };
        }).ToList();
        return new EcgRecording(leads, recording.SampleRateHz);
    }
}

using EcgBridge.Core;
using EcgBridge.Core.Issues;

namespace EcgBridge.Simulator.Tests;

public class EcgSimulatorTests
{
    private static SimulationSpec Clean(SimulatedFinding finding, ulong seed, double bpm = 70) => new()
    {
        Seed = seed,
        Finding = finding,
        HeartRateBpm = bpm,
        Noise = NoiseSpec.None,
    };

    [Fact]
    public void Same_seed_gives_identical_leads()
    {
        var spec = new SimulationSpec { Seed = 42, Finding = SimulatedFinding.OcclusionMi };
        SimulatedEcg first = EcgSimulator.Generate(spec);
        SimulatedEcg second = EcgSimulator.Generate(spec);

        for (int k = 0; k < LeadCatalog.Count; k++)
        {
            Assert.Equal(first.Recording.Leads[k].Samples, second.Recording.Leads[k].Samples);
        }

        Assert.Equal(first.Spec, second.Spec);
    }

    [Fact]
    public void Different_seeds_give_different_ecgs()
    {
        SimulatedEcg first = EcgSimulator.Generate(new SimulationSpec { Seed = 1 });
        SimulatedEcg second = EcgSimulator.Generate(new SimulationSpec { Seed = 2 });

        Assert.NotEqual(first.Recording.Find(Lead.II)!.Samples, second.Recording.Find(Lead.II)!.Samples);
    }

    [Fact]
    public void Regenerating_from_the_resolved_spec_gives_the_same_ecg()
    {
        SimulatedEcg drawn = EcgSimulator.Generate(new SimulationSpec { Seed = 9, Finding = SimulatedFinding.OcclusionMi });
        SimulatedEcg again = EcgSimulator.Generate(drawn.Spec);

        Assert.Equal(drawn.Recording.Find(Lead.V2)!.Samples, again.Recording.Find(Lead.V2)!.Samples);
    }

    [Theory]
    [InlineData(SimulatedFinding.Normal)]
    [InlineData(SimulatedFinding.OcclusionMi)]
    [InlineData(SimulatedFinding.LeftBundleBranchBlock)]
    public void Einthoven_and_Goldberger_identities_hold_exactly_with_noise(SimulatedFinding finding)
    {
        SimulatedEcg ecg = EcgSimulator.Generate(new SimulationSpec
        {
            Seed = 5,
            Finding = finding,
            Noise = new NoiseSpec { BaselineWanderMillivolts = 0.3, MainsMillivolts = 0.05, MuscleMillivolts = 0.03 },
        });
        double[] i = ecg.Recording.Find(Lead.I)!.Samples;
        double[] ii = ecg.Recording.Find(Lead.II)!.Samples;
        double[] iii = ecg.Recording.Find(Lead.III)!.Samples;
        double[] avr = ecg.Recording.Find(Lead.AVR)!.Samples;
        double[] avl = ecg.Recording.Find(Lead.AVL)!.Samples;
        double[] avf = ecg.Recording.Find(Lead.AVF)!.Samples;

        for (int n = 0; n < i.Length; n++)
        {
            Assert.Equal(ii[n] - i[n], iii[n]);
            Assert.Equal(-(i[n] + ii[n]) / 2, avr[n]);
            Assert.Equal(i[n] - (ii[n] / 2), avl[n]);
            Assert.Equal(ii[n] - (i[n] / 2), avf[n]);
            // Goldberger: the augmented leads sum to zero (up to rounding of the derived values).
            Assert.Equal(0, avr[n] + avl[n] + avf[n], 12);
        }
    }

    [Fact]
    public void Recording_has_the_twelve_leads_in_tensor_order()
    {
        SimulatedEcg ecg = EcgSimulator.Generate(new SimulationSpec { Seed = 3 });

        Assert.Equal(LeadCatalog.All.ToArray(), ecg.Recording.Leads.Select(l => l.Lead).ToArray());
        Assert.All(ecg.Recording.Leads, l => Assert.Equal(5000, l.Samples.Length));
    }

    [Theory]
    [InlineData(40)]
    [InlineData(60)]
    [InlineData(90)]
    [InlineData(130)]
    [InlineData(180)]
    public void Heart_rate_counted_from_R_peaks_matches_the_spec(double bpm)
    {
        SimulatedEcg ecg = EcgSimulator.Generate(Clean(SimulatedFinding.Normal, 11, bpm) with { DurationSeconds = 30 });

        List<int> peaks = EcgMeasurements.DetectRPeaks(ecg.Recording);
        double meanRr = (peaks[^1] - peaks[0]) / ecg.Recording.SampleRateHz / (peaks.Count - 1);

        Assert.InRange(60 / meanRr, bpm * 0.95, bpm * 1.05);
        Assert.InRange(peaks.Count, ecg.RPeakTimesSeconds.Count - 1, ecg.RPeakTimesSeconds.Count + 1);
    }

    [Fact]
    public void Rr_intervals_vary_with_respiration()
    {
        SimulatedEcg ecg = EcgSimulator.Generate(Clean(SimulatedFinding.Normal, 12, 60) with { DurationSeconds = 60 });
        IReadOnlyList<double> r = ecg.RPeakTimesSeconds;
        double[] rr = [.. r.Skip(1).Zip(r, (a, b) => a - b)];

        Assert.True(rr.Max() - rr.Min() > 0.02);
        Assert.True(rr.Max() - rr.Min() < 0.4);
    }

    public static TheoryData<CoronaryTerritory, Lead[], Lead[]> Territories => new()
    {
        { CoronaryTerritory.Anterior, [Lead.V2, Lead.V3], [Lead.III, Lead.AVF] },
        { CoronaryTerritory.Inferior, [Lead.II, Lead.III, Lead.AVF], [Lead.AVL] },
        { CoronaryTerritory.Lateral, [Lead.I, Lead.AVL, Lead.V5], [Lead.III] },
    };

    [Theory]
    [MemberData(nameof(Territories))]
    public void Occlusion_elevates_ST_in_its_territory_and_depresses_it_reciprocally(CoronaryTerritory territory, Lead[] elevated, Lead[] reciprocal)
    {
        for (ulong seed = 1; seed <= 8; seed++)
        {
            SimulatedEcg ecg = EcgSimulator.Generate(Clean(SimulatedFinding.OcclusionMi, seed) with { Territory = territory, Severity = 3 });

            Assert.Equal(1, ecg.Label);
            Assert.Equal(territory, ecg.Territory);
            foreach (Lead lead in elevated)
            {
                Assert.True(EcgMeasurements.StDeviation(ecg, lead) >= 0.1, $"seed {seed}: ST in {lead} not elevated");
            }

            foreach (Lead lead in reciprocal)
            {
                Assert.True(EcgMeasurements.StDeviation(ecg, lead) <= -0.05, $"seed {seed}: ST in {lead} not depressed");
            }
        }
    }

    [Fact]
    public void Severity_grades_the_peak_ST_elevation()
    {
        double[] peak = new double[4];
        for (int severity = 1; severity <= 3; severity++)
        {
            for (ulong seed = 1; seed <= 6; seed++)
            {
                SimulatedEcg ecg = EcgSimulator.Generate(Clean(SimulatedFinding.OcclusionMi, seed) with { Territory = CoronaryTerritory.Inferior, Severity = severity });
                peak[severity] += LeadCatalog.All.ToArray().Max(lead => EcgMeasurements.StDeviation(ecg, lead)) / 6;
            }
        }

        Assert.InRange(peak[1], 0.07, 0.2);
        Assert.True(peak[1] < peak[2] && peak[2] < peak[3]);
        Assert.InRange(peak[3], 0.3, 0.7);
    }

    [Fact]
    public void Normal_ecg_has_isoelectric_ST_segments()
    {
        SimulatedEcg ecg = EcgSimulator.Generate(Clean(SimulatedFinding.Normal, 21));

        foreach (Lead lead in LeadCatalog.All)
        {
            Assert.InRange(EcgMeasurements.StDeviation(ecg, lead), -0.05, 0.05);
        }
    }

    [Theory]
    [InlineData(SimulatedFinding.Normal)]
    [InlineData(SimulatedFinding.EarlyRepolarisation)]
    [InlineData(SimulatedFinding.LvhStrain)]
    [InlineData(SimulatedFinding.LeftBundleBranchBlock)]
    [InlineData(SimulatedFinding.RightBundleBranchBlock)]
    public void Mimics_and_normals_are_negatives_without_territory(SimulatedFinding finding)
    {
        SimulatedEcg ecg = EcgSimulator.Generate(new SimulationSpec { Seed = 4, Finding = finding });

        Assert.Equal(0, ecg.Label);
        Assert.Equal(CoronaryTerritory.None, ecg.Territory);
        Assert.Equal(0, ecg.Severity);
    }

    [Fact]
    public void Early_repolarisation_elevates_ST_without_reciprocal_depression_in_the_limb_leads()
    {
        for (ulong seed = 1; seed <= 6; seed++)
        {
            SimulatedEcg ecg = EcgSimulator.Generate(Clean(SimulatedFinding.EarlyRepolarisation, seed));

            Assert.True(LeadCatalog.All.ToArray().Max(lead => EcgMeasurements.StDeviation(ecg, lead)) >= 0.05);
            foreach (Lead lead in new[] { Lead.I, Lead.II, Lead.AVF, Lead.V4, Lead.V5, Lead.V6 })
            {
                Assert.True(EcgMeasurements.StDeviation(ecg, lead) > -0.03, $"seed {seed}: {lead}");
            }
        }
    }

    [Fact]
    public void Left_bundle_branch_block_has_discordant_ST_elevation_in_V1_to_V3()
    {
        SimulatedEcg ecg = EcgSimulator.Generate(Clean(SimulatedFinding.LeftBundleBranchBlock, 8));

        Assert.InRange(ecg.Spec.QrsWidthSeconds!.Value, 0.12, 0.2);
        Assert.True(EcgMeasurements.StDeviation(ecg, Lead.V2) > 0.05);
        Assert.True(EcgMeasurements.StDeviation(ecg, Lead.V6) < 0);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(250)]
    [InlineData(360)]
    [InlineData(1000)]
    public void Any_rate_from_100_Hz_samples_the_same_heart(double rate)
    {
        SimulatedEcg reference = EcgSimulator.Generate(Clean(SimulatedFinding.OcclusionMi, 30));
        SimulatedEcg resampled = EcgSimulator.Generate(Clean(SimulatedFinding.OcclusionMi, 30) with { SampleRateHz = rate });

        Assert.Equal(rate, resampled.Recording.SampleRateHz);
        Assert.Equal((int)(rate * 10), resampled.Recording.SampleCount);
        Assert.Equal(reference.RPeakTimesSeconds, resampled.RPeakTimesSeconds);
        double[] v2 = resampled.Recording.Find(Lead.V2)!.Samples;
        double[] v2Reference = reference.Recording.Find(Lead.V2)!.Samples;
        for (int n = 0; n < 1000; n += 10)
        {
            double t = n / 1000.0 * 10;
            int atRate = (int)Math.Round(t * rate);
            int at500 = (int)Math.Round(t * 500);
            if (Math.Abs((atRate / rate) - (at500 / 500.0)) < 1e-12)
            {
                Assert.Equal(v2Reference[at500], v2[atRate], 9);
            }
        }
    }

    [Fact]
    public void Duration_is_configurable()
    {
        SimulatedEcg ecg = EcgSimulator.Generate(new SimulationSpec { Seed = 1, DurationSeconds = 2.5, SampleRateHz = 200 });

        Assert.Equal(500, ecg.Recording.SampleCount);
    }

    [Theory]
    [InlineData(99.9, SimulatorCodes.RateTooLow)]
    [InlineData(0, SimulatorCodes.RateTooLow)]
    [InlineData(-500, SimulatorCodes.RateTooLow)]
    [InlineData(double.NaN, SimulatorCodes.RateTooLow)]
    [InlineData(20_000, SimulatorCodes.RateTooHigh)]
    public void Refuses_impossible_rates_with_a_code(double rate, string code)
    {
        var issues = new IssueList();

        Assert.False(new SimulationSpec { SampleRateHz = rate }.TryValidate(issues));
        Assert.Equal(code, Assert.Single(issues).Code);
        Assert.Throws<ArgumentException>(() => EcgSimulator.Generate(new SimulationSpec { SampleRateHz = rate }));
    }

    [Fact]
    public void Refuses_other_impossible_parameters_naming_each()
    {
        var spec = new SimulationSpec
        {
            DurationSeconds = 0,
            HeartRateBpm = 400,
            Severity = 4,
            QrsWidthSeconds = 0.01,
            Territory = CoronaryTerritory.Anterior,
            Noise = new NoiseSpec { MuscleMillivolts = -1 },
        };
        var issues = new IssueList();

        Assert.False(spec.TryValidate(issues));
        Assert.Equal(
            [SimulatorCodes.DurationOutOfRange, SimulatorCodes.HeartRateOutOfRange, SimulatorCodes.QrsWidthOutOfRange,
             SimulatorCodes.SeverityOutOfRange, SimulatorCodes.TerritoryUnexpected, SimulatorCodes.NoiseInvalid],
            issues.Select(i => i.Code));
        Assert.Equal("noise.muscleMillivolts", issues[^1].Location);
    }

    [Fact]
    public void Mains_interference_is_left_out_when_it_would_alias()
    {
        var noisy = new NoiseSpec { BaselineWanderMillivolts = 0, MuscleMillivolts = 0, AmplitudeModulation = 0, MainsMillivolts = 0.05, MainsHz = 60 };
        SimulatedEcg at100 = EcgSimulator.Generate(Clean(SimulatedFinding.Normal, 2) with { SampleRateHz = 100, Noise = noisy });
        SimulatedEcg clean100 = EcgSimulator.Generate(Clean(SimulatedFinding.Normal, 2) with { SampleRateHz = 100 });

        Assert.Equal(clean100.Recording.Find(Lead.I)!.Samples, at100.Recording.Find(Lead.I)!.Samples);
    }
}

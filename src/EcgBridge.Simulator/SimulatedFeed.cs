using EcgBridge.Core.Issues;

namespace EcgBridge.Simulator;

/// <summary>
/// A deterministic mix of simulated ECGs for load, training and evaluation: exactly round(count × omiFraction)
/// occlusion MIs, the rest normals (60 %) and mimics (early repolarisation, LVH strain, LBBB, RBBB, 10 % each), shuffled.
/// </summary>
public static class SimulatedFeed
{
    private static readonly SimulatedFinding[] NegativeMix =
    [
        SimulatedFinding.Normal, SimulatedFinding.Normal, SimulatedFinding.Normal,
        SimulatedFinding.Normal, SimulatedFinding.Normal, SimulatedFinding.Normal,
        SimulatedFinding.EarlyRepolarisation, SimulatedFinding.LvhStrain,
        SimulatedFinding.LeftBundleBranchBlock, SimulatedFinding.RightBundleBranchBlock,
    ];

    /// <summary>Checks feed parameters; false with one coded issue per impossible parameter.</summary>
    public static bool TryValidate(int count, double omiFraction, double sampleRateHz, IssueList issues)
    {
        ArgumentNullException.ThrowIfNull(issues);
        int before = issues.Count;
        if (count < 0)
        {
            issues.Error(SimulatorCodes.CountNegative, "count");
        }

        if (!(omiFraction >= 0 && omiFraction <= 1))
        {
            issues.Error(SimulatorCodes.FractionOutOfRange, "omiFraction");
        }

        _ = new SimulationSpec { SampleRateHz = sampleRateHz }.TryValidate(issues);
        return issues.Count == before;
    }

    /// <summary>The specs of a feed: the same seed, count and fraction give the same list.</summary>
    public static IReadOnlyList<SimulationSpec> Plan(ulong seed, int count, double omiFraction, double sampleRateHz = 500, double durationSeconds = 10)
    {
        var issues = new IssueList();
        if (!TryValidate(count, omiFraction, sampleRateHz, issues))
        {
            throw new ArgumentException($"Invalid feed parameters: {issues.CodesText()}.", nameof(count));
        }

        var random = new SeededRandom(seed);
        int positives = (int)Math.Round(count * omiFraction, MidpointRounding.AwayFromZero);
        var findings = new SimulatedFinding[count];
        for (int i = 0; i < count; i++)
        {
            findings[i] = i < positives ? SimulatedFinding.OcclusionMi : NegativeMix[random.NextInt(NegativeMix.Length)];
        }

        for (int i = count - 1; i > 0; i--)
        {
            int j = random.NextInt(i + 1);
            (findings[i], findings[j]) = (findings[j], findings[i]);
        }

        var specs = new SimulationSpec[count];
        for (int i = 0; i < count; i++)
        {
            specs[i] = new SimulationSpec
            {
                Seed = SeededRandom.Derive(seed, (ulong)i),
                Finding = findings[i],
                SampleRateHz = sampleRateHz,
                DurationSeconds = durationSeconds,
            };
        }

        return specs;
    }
}

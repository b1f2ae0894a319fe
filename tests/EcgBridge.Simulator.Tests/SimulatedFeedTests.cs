using EcgBridge.Core.Issues;

namespace EcgBridge.Simulator.Tests;

public class SimulatedFeedTests
{
    [Fact]
    public void Plan_has_exactly_the_requested_share_of_occlusions()
    {
        IReadOnlyList<SimulationSpec> plan = SimulatedFeed.Plan(7, 201, 0.5);

        Assert.Equal(201, plan.Count);
        Assert.Equal(101, plan.Count(s => s.IsOmi));
        Assert.Contains(plan, s => s.Finding == SimulatedFinding.LeftBundleBranchBlock);
        Assert.Contains(plan, s => s.Finding == SimulatedFinding.EarlyRepolarisation);
    }

    [Fact]
    public void Plan_is_deterministic_for_a_seed_and_differs_between_seeds()
    {
        Assert.Equal(SimulatedFeed.Plan(3, 50, 0.3), SimulatedFeed.Plan(3, 50, 0.3));
        Assert.NotEqual(SimulatedFeed.Plan(3, 50, 0.3).Select(s => s.Seed), SimulatedFeed.Plan(4, 50, 0.3).Select(s => s.Seed));
    }

    [Theory]
    [InlineData(-1, 0.5, 500, SimulatorCodes.CountNegative)]
    [InlineData(10, -0.1, 500, SimulatorCodes.FractionOutOfRange)]
    [InlineData(10, 1.01, 500, SimulatorCodes.FractionOutOfRange)]
    [InlineData(10, double.NaN, 500, SimulatorCodes.FractionOutOfRange)]
    [InlineData(10, 0.5, 50, SimulatorCodes.RateTooLow)]
    public void Refuses_impossible_feed_parameters(int count, double fraction, double rate, string code)
    {
        var issues = new IssueList();

        Assert.False(SimulatedFeed.TryValidate(count, fraction, rate, issues));
        Assert.Equal(code, Assert.Single(issues).Code);
    }

    [Theory]
    [InlineData(0, 0.5)]
    [InlineData(5, 0)]
    [InlineData(5, 1)]
    public void Accepts_edge_parameters(int count, double fraction)
    {
        IReadOnlyList<SimulationSpec> plan = SimulatedFeed.Plan(1, count, fraction);

        Assert.Equal(count, plan.Count);
        Assert.Equal((int)Math.Round(count * fraction), plan.Count(s => s.IsOmi));
    }
}

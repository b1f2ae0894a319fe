using EcgBridge.Core;
using EcgBridge.Core.Issues;
using EcgBridge.Core.Normalization;

namespace EcgBridge.Simulator.Tests.Features;

/// <summary>The drift monitor's input statistics on simulated ECGs of known heart rate, normalized as the service does.</summary>
public sealed class EcgFeaturesTests
{
    [Theory]
    [InlineData(45)]
    [InlineData(72)]
    [InlineData(110)]
    [InlineData(160)]
    public void Heart_rate_from_R_peaks_is_within_five_percent_of_the_simulated_rate(double bpm)
    {
        foreach (SimulationSpec planned in SimulatedFeed.Plan(77, 6, 0.5))
        {
            EcgTensor tensor = Normalize(EcgSimulator.Generate(planned with { HeartRateBpm = bpm }).Quantized());

            EcgFeatures features = EcgFeatures.Compute(tensor);

            Assert.NotNull(features.HeartRateBpm);
            Assert.InRange(features.HeartRateBpm!.Value, bpm * 0.95, bpm * 1.05);
            Assert.InRange(features.AmplitudeMillivolts, 0.3, 6);
        }
    }

    [Fact]
    public void A_silent_tensor_has_no_heart_rate_and_no_amplitude()
    {
        EcgFeatures features = EcgFeatures.Compute(new EcgTensor());

        Assert.Null(features.HeartRateBpm);
        Assert.Equal(0, features.AmplitudeMillivolts);
    }

    private static EcgTensor Normalize(EcgRecording recording)
    {
        var tensor = new EcgTensor();
        var issues = new IssueList();
        Assert.True(EcgNormalizer.TryNormalize(recording, PreprocessingOptions.Default, tensor.Data, issues), issues.CodesText());
        return tensor;
    }
}

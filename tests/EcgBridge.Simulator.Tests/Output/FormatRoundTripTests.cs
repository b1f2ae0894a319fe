using EcgBridge.Core;
using EcgBridge.Core.Issues;
using EcgBridge.Core.Normalization;
using EcgBridge.Simulator.Tests.Evidence;

namespace EcgBridge.Simulator.Tests.Output;

public sealed class FormatRoundTripTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ecgbridge-sim-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static float[] Tensor(EcgRecording recording)
    {
        var issues = new IssueList();
        var tensor = new EcgTensor();
        Assert.True(EcgNormalizer.TryNormalize(recording, PreprocessingOptions.Default, tensor.Data, issues), issues.CodesText());
        return tensor.Data;
    }

    [Theory]
    [InlineData(500)]
    [InlineData(250)]
    [InlineData(1000)]
    public void Same_ecgs_written_as_WFDB_HL7_and_FHIR_give_identical_tensors_to_the_last_bit(double rate)
    {
        foreach (SimulationSpec spec in SimulatedFeed.Plan(77, 6, 0.5, rate))
        {
            EcgRecording sent = EcgSimulator.Generate(spec).Quantized();
            float[] direct = Tensor(sent);

            float[] wfdb = Tensor(SimulatedPaths.ThroughWfdb(sent, _directory, "r" + spec.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            float[] pcd01 = Tensor(SimulatedPaths.ThroughHl7Pcd01(sent));
            float[] waveform = Tensor(SimulatedPaths.ThroughHl7Waveform(sent));
            float[] fhir = Tensor(SimulatedPaths.ThroughFhir(sent));

            // HL7 v2 carries the decimal text of each µV value, so it decodes to the very same doubles.
            Assert.Equal(direct, pcd01);
            Assert.Equal(direct, waveform);
            // WFDB and FHIR rebuild mV as integer × 0.001, one ulp away from the decimal for some samples; after
            // filtering, a handful of float32 values (of 60 000) may differ in their last bit, never more.
            Assert.Equal(wfdb, fhir);
            AssertWithinOneUlp(direct, wfdb);
        }
    }

    private static void AssertWithinOneUlp(float[] expected, float[] actual)
    {
        int different = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            if (expected[i] != actual[i])
            {
                different++;
                Assert.True(Math.Abs(expected[i] - actual[i]) <= Math.Max(1e-8f, Math.Abs(expected[i]) * 1.2e-7f), $"value {i}");
            }
        }

        Assert.True(different <= expected.Length / 1000, $"{different} values differ");
    }

    [Fact]
    public void Quantized_samples_survive_every_format_to_within_one_ulp()
    {
        EcgRecording sent = EcgSimulator.Generate(new SimulationSpec { Seed = 5, Finding = SimulatedFinding.OcclusionMi }).Quantized();

        foreach (EcgRecording received in new[]
        {
            SimulatedPaths.ThroughWfdb(sent, _directory, "ulp"),
            SimulatedPaths.ThroughHl7Pcd01(sent),
            SimulatedPaths.ThroughFhir(sent),
        })
        {
            Assert.Equal(sent.SampleRateHz, received.SampleRateHz);
            foreach (LeadSignal lead in sent.Leads)
            {
                double[] back = received.Find(lead.Lead)!.Samples;
                for (int i = 0; i < back.Length; i++)
                {
                    Assert.True(Math.Abs(back[i] - lead.Samples[i]) <= Math.Abs(lead.Samples[i]) * 1e-15, $"{lead.Lead}[{i}]");
                }
            }
        }
    }
}

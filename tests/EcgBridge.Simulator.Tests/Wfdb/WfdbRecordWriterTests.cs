using EcgBridge.Core;
using EcgBridge.Core.Issues;
using EcgBridge.Wfdb;

namespace EcgBridge.Simulator.Tests.Wfdb;

public sealed class WfdbRecordWriterTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ecgbridge-wfdb-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Written_record_reads_back_at_1_microvolt_resolution()
    {
        EcgRecording recording = EcgSimulator.Generate(new SimulationSpec { Seed = 8, SampleRateHz = 360 }).Recording;

        string header = WfdbRecordWriter.Write(_directory, "sim8", recording);
        var issues = new IssueList();

        Assert.True(WfdbRecordReader.TryRead(header, issues, out EcgRecording? read));
        Assert.Empty(issues);
        Assert.Equal(360, read!.SampleRateHz);
        Assert.Equal(LeadCatalog.All.ToArray(), read.Leads.Select(l => l.Lead).ToArray());
        for (int k = 0; k < 12; k++)
        {
            double[] original = recording.Leads[k].Samples;
            double[] back = read.Leads[k].Samples;
            Assert.Equal(original.Length, back.Length);
            for (int i = 0; i < back.Length; i++)
            {
                Assert.True(Math.Abs(original[i] - back[i]) <= 0.0005 + 1e-12);
            }
        }
    }

    [Fact]
    public void Header_declares_format_16_in_millivolts_with_checksums()
    {
        var recording = new EcgRecording([new LeadSignal(Lead.I, [0.001, -0.002, 0.5]), new LeadSignal(Lead.V1, [1, 2, 3])], 500);

        string header = WfdbRecordWriter.Write(_directory, "tiny", recording);
        string[] lines = File.ReadAllLines(header);

        Assert.Equal("tiny 2 500 3", lines[0]);
        Assert.Equal("tiny.dat 16 1000(0)/mV 16 0 1 499 0 I", lines[1]);
        Assert.Equal("tiny.dat 16 1000(0)/mV 16 0 1000 6000 0 V1", lines[2]);
        Assert.Equal(12, new FileInfo(Path.Combine(_directory, "tiny.dat")).Length);
    }

    [Fact]
    public void Out_of_range_samples_clip_and_NaN_becomes_the_invalid_marker()
    {
        var recording = new EcgRecording([new LeadSignal(Lead.II, [100, -100, double.NaN])], 500);

        string header = WfdbRecordWriter.Write(_directory, "clip", recording);
        var issues = new IssueList();
        Assert.True(WfdbRecordReader.TryRead(header, issues, out EcgRecording? read));

        double[] samples = read!.Leads[0].Samples;
        Assert.Equal(32.767, samples[0], 9);
        Assert.Equal(-32.767, samples[1], 9);
        Assert.True(double.IsNaN(samples[2]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a b")]
    [InlineData("../x")]
    public void Refuses_record_names_that_WFDB_cannot_hold(string name)
    {
        var recording = new EcgRecording([new LeadSignal(Lead.I, [0.0])], 500);

        Assert.Throws<ArgumentException>(() => WfdbRecordWriter.Write(_directory, name, recording));
    }
}

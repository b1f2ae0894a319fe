using EcgBridge.Core;
using EcgBridge.Hl7v2.Mllp;
using EcgBridge.Hl7v2.Waveforms;
using EcgBridge.Hl7v2.Writing;

namespace EcgBridge.Hl7v2.Fuzz;

/// <summary>
/// Writes small, valid waveform messages (made-up samples, no real data) so that the fuzzer starts inside both
/// decoders: IHE PCD-01, chapter-7 MA/CD, and the PCD-01 message framed twice for MLLP.
/// </summary>
internal static class SyntheticSeeds
{
    public static int Write(string directory)
    {
        Directory.CreateDirectory(directory);
        var recording = new EcgRecording(
            [
                new LeadSignal(Lead.I, [0.1, -0.25, 1.5, 0]) { LowerLimitMillivolts = -5, UpperLimitMillivolts = 5 },
                new LeadSignal(Lead.II, [0.2, 0.35, -1.25, 0.05]),
                new LeadSignal(Lead.V1, [-0.1, 0, 0.75, 2]),
            ],
            500)
        {
            AcquisitionTime = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero),
        };
        // Fixed header values keep the committed seeds reproducible.
        var options = new Hl7WriteOptions
        {
            SendingApplication = "FUZZ",
            ControlId = "SEED1",
            Timestamp = recording.AcquisitionTime,
        };
        byte[] pcd01 = Pcd01MessageWriter.Write(recording, options);
        byte[] waveform = WaveformMessageWriter.Write(recording, options with { ControlId = "SEED2", Version = "2.5.1" });
        File.WriteAllBytes(Path.Combine(directory, "synthetic-pcd01-3lead.hl7"), pcd01);
        File.WriteAllBytes(Path.Combine(directory, "synthetic-waveform-ma-cd-3lead.hl7"), waveform);
        File.WriteAllBytes(Path.Combine(directory, "synthetic-mllp-two-frames.bin"), [.. MllpFrameWriter.Frame(pcd01), .. MllpFrameWriter.Frame(waveform)]);
        return 0;
    }
}

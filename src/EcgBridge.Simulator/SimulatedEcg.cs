using EcgBridge.Core;

namespace EcgBridge.Simulator;

/// <summary>A simulated 12-lead ECG with its ground truth: label, territory, severity and the parameters actually drawn.</summary>
public sealed class SimulatedEcg
{
    internal SimulatedEcg(SimulationSpec spec, EcgRecording recording, double[] rPeakTimesSeconds)
    {
        Spec = spec;
        Recording = recording;
        RPeakTimesSeconds = rPeakTimesSeconds;
    }

    /// <summary>The 12 leads in mV, tensor order, at the spec's rate.</summary>
    public EcgRecording Recording { get; }

    /// <summary>The spec with every drawn parameter filled in (regenerating from it gives the same ECG).</summary>
    public SimulationSpec Spec { get; }

    /// <summary>What the ECG shows.</summary>
    public SimulatedFinding Finding => Spec.Finding;

    /// <summary>1 for occlusion MI, 0 otherwise (normals and mimics).</summary>
    public int Label => Spec.IsOmi ? 1 : 0;

    /// <summary>Territory of the occlusion, None for negatives.</summary>
    public CoronaryTerritory Territory => Spec.Territory ?? CoronaryTerritory.None;

    /// <summary>Severity 1–3 of the occlusion, 0 for negatives.</summary>
    public int Severity => Spec.Severity ?? 0;

    /// <summary>Times of the R peaks (QRS centres) that fall inside the recording, in seconds from its start.</summary>
    public IReadOnlyList<double> RPeakTimesSeconds { get; }
}

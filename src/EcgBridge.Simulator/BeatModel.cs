namespace EcgBridge.Simulator;

/// <summary>The heart-vector morphology of one ECG: Gaussian waves plus an ST plateau vector (injury current or secondary change).</summary>
internal sealed class BeatModel
{
    public List<Wave> Waves { get; } = [];

    /// <summary>Vector of the ST segment between the J point and the T peak (zero when the ST segment is isoelectric).</summary>
    public Vector3D StVector { get; set; }

    /// <summary>J point offset from the R peak (end of QRS).</summary>
    public double JPointSeconds { get; set; }

    /// <summary>Index of the main T wave in <see cref="Waves"/>, which sets where the ST plateau ends.</summary>
    public int TWaveIndex { get; set; }
}

namespace EcgBridge.Simulator;

/// <summary>
/// Interference added to the electrode potentials. Null amplitudes are drawn from the ECG's seed within typical ranges;
/// <see cref="None"/> gives a clean ECG.
/// </summary>
public sealed record NoiseSpec
{
    /// <summary>No noise at all (the leads are the projected heart vector only).</summary>
    public static NoiseSpec None { get; } = new()
    {
        BaselineWanderMillivolts = 0,
        MainsMillivolts = 0,
        MuscleMillivolts = 0,
        AmplitudeModulation = 0,
    };

    /// <summary>Peak amplitude of baseline wander (respiration and electrode motion, 0.05–0.5 Hz); drawn from 0–0.3 mV when null.</summary>
    public double? BaselineWanderMillivolts { get; init; }

    /// <summary>Amplitude of mains interference; drawn from 0–0.03 mV when null. Left out when the mains frequency is not below Nyquist.</summary>
    public double? MainsMillivolts { get; init; }

    /// <summary>Mains frequency, 50 or 60 Hz; drawn when null.</summary>
    public double? MainsHz { get; init; }

    /// <summary>Standard deviation of muscle (EMG) noise; drawn from 0–0.02 mV when null.</summary>
    public double? MuscleMillivolts { get; init; }

    /// <summary>Relative respiratory modulation of the heart-vector amplitude; drawn from 0–0.08 when null.</summary>
    public double? AmplitudeModulation { get; init; }
}

using EcgBridge.Core.Issues;

namespace EcgBridge.Simulator;

/// <summary>
/// What to simulate. Every null parameter is drawn from <see cref="Seed"/>, so a spec and a seed give the same ECG
/// on every run.
/// </summary>
public sealed record SimulationSpec
{
    /// <summary>Lowest supported sample rate.</summary>
    public const double MinimumSampleRateHz = 100;

    /// <summary>Highest supported sample rate.</summary>
    public const double MaximumSampleRateHz = 10_000;

    /// <summary>The seed every random choice of this ECG derives from.</summary>
    public ulong Seed { get; init; }

    /// <summary>Samples per second (≥ 100 Hz).</summary>
    public double SampleRateHz { get; init; } = 500;

    /// <summary>Length of the recording in seconds.</summary>
    public double DurationSeconds { get; init; } = 10;

    /// <summary>What the ECG shows.</summary>
    public SimulatedFinding Finding { get; init; } = SimulatedFinding.Normal;

    /// <summary>Territory of an occlusion MI; drawn when null. Must be null or None for other findings.</summary>
    public CoronaryTerritory? Territory { get; init; }

    /// <summary>Severity 1–3 of an occlusion MI (peak ST elevation about 0.1–0.18, 0.2–0.32, 0.35–0.6 mV); drawn when null.</summary>
    public int? Severity { get; init; }

    /// <summary>Mean heart rate in beats per minute (30–200); drawn from 50–110 when null.</summary>
    public double? HeartRateBpm { get; init; }

    /// <summary>Frontal-plane direction of the main QRS vector in degrees (0 = left, 90 = inferior); drawn around 40° when null.</summary>
    public double? AxisDegrees { get; init; }

    /// <summary>QRS duration in seconds (0.06–0.2); drawn from 0.08–0.11 s when null (bundle branch blocks widen it).</summary>
    public double? QrsWidthSeconds { get; init; }

    /// <summary>Interference; drawn amplitudes by default.</summary>
    public NoiseSpec Noise { get; init; } = new();

    /// <summary>True for the positive class (occlusion MI).</summary>
    public bool IsOmi => Finding == SimulatedFinding.OcclusionMi;

    /// <summary>Checks the parameters; false with one coded issue per impossible parameter.</summary>
    public bool TryValidate(IssueList issues)
    {
        ArgumentNullException.ThrowIfNull(issues);
        int before = issues.Count;
        if (!(SampleRateHz >= MinimumSampleRateHz))
        {
            issues.Error(SimulatorCodes.RateTooLow, "sampleRateHz");
        }
        else if (SampleRateHz > MaximumSampleRateHz)
        {
            issues.Error(SimulatorCodes.RateTooHigh, "sampleRateHz");
        }

        if (!(DurationSeconds >= 1 && DurationSeconds <= 300))
        {
            issues.Error(SimulatorCodes.DurationOutOfRange, "durationSeconds");
        }

        if (HeartRateBpm is { } bpm && !(bpm >= 30 && bpm <= 200))
        {
            issues.Error(SimulatorCodes.HeartRateOutOfRange, "heartRateBpm");
        }

        if (QrsWidthSeconds is { } qrs && !(qrs >= 0.06 && qrs <= 0.2))
        {
            issues.Error(SimulatorCodes.QrsWidthOutOfRange, "qrsWidthSeconds");
        }

        if (Severity is { } severity && (severity < 1 || severity > 3))
        {
            issues.Error(SimulatorCodes.SeverityOutOfRange, "severity");
        }

        if (!IsOmi && Territory is { } territory && territory != CoronaryTerritory.None)
        {
            issues.Error(SimulatorCodes.TerritoryUnexpected, "territory");
        }

        ValidateNoise(Noise.BaselineWanderMillivolts, "noise.baselineWanderMillivolts", issues);
        ValidateNoise(Noise.MainsMillivolts, "noise.mainsMillivolts", issues);
        ValidateNoise(Noise.MuscleMillivolts, "noise.muscleMillivolts", issues);
        ValidateNoise(Noise.AmplitudeModulation, "noise.amplitudeModulation", issues);
        if (Noise.MainsHz is { } mains && !(mains > 0 && double.IsFinite(mains)))
        {
            issues.Error(SimulatorCodes.NoiseInvalid, "noise.mainsHz");
        }

        return issues.Count == before;
    }

    private static void ValidateNoise(double? value, string location, IssueList issues)
    {
        if (value is { } v && !(v >= 0 && double.IsFinite(v)))
        {
            issues.Error(SimulatorCodes.NoiseInvalid, location);
        }
    }
}

namespace EcgBridge.Simulator;

/// <summary>Stable codes for impossible simulator parameters (docs/parts/error-codes-simulator.md). Never reused.</summary>
public static class SimulatorCodes
{
    /// <summary>The sample rate is below 100 Hz.</summary>
    public const string RateTooLow = "SIM-RATE-TOO-LOW";

    /// <summary>The sample rate is above 10 kHz.</summary>
    public const string RateTooHigh = "SIM-RATE-TOO-HIGH";

    /// <summary>The duration is not between 1 s and 300 s.</summary>
    public const string DurationOutOfRange = "SIM-DURATION-OUT-OF-RANGE";

    /// <summary>The heart rate is not between 30 and 200 bpm.</summary>
    public const string HeartRateOutOfRange = "SIM-HEART-RATE-OUT-OF-RANGE";

    /// <summary>The severity of an occlusion is not 1, 2 or 3.</summary>
    public const string SeverityOutOfRange = "SIM-SEVERITY-OUT-OF-RANGE";

    /// <summary>A territory was given for a finding that is not an occlusion MI.</summary>
    public const string TerritoryUnexpected = "SIM-TERRITORY-UNEXPECTED";

    /// <summary>The QRS width is not between 60 and 200 ms.</summary>
    public const string QrsWidthOutOfRange = "SIM-QRS-WIDTH-OUT-OF-RANGE";

    /// <summary>A noise amplitude is negative or not finite.</summary>
    public const string NoiseInvalid = "SIM-NOISE-INVALID";

    /// <summary>The number of ECGs to simulate is negative.</summary>
    public const string CountNegative = "SIM-COUNT-NEGATIVE";

    /// <summary>The OMI fraction is outside 0–1.</summary>
    public const string FractionOutOfRange = "SIM-FRACTION-OUT-OF-RANGE";

    /// <summary>The messages-per-second limit is not positive.</summary>
    public const string RateLimitInvalid = "SIM-RATE-LIMIT-INVALID";
}

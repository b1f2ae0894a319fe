namespace EcgBridge.Core;

/// <summary>
/// One decoded lead at the source rate, in millivolts. Invalid points (FHIR "E", non-numeric after tolerance) are NaN;
/// points at or beyond the data-range limits keep the limit value so the quality gate can see saturation.
/// </summary>
public sealed class LeadSignal
{
    /// <summary>Creates a lead signal.</summary>
    public LeadSignal(Lead lead, double[] samplesMillivolts)
    {
        ArgumentNullException.ThrowIfNull(samplesMillivolts);
        Lead = lead;
        Samples = samplesMillivolts;
    }

    /// <summary>The standard lead this signal was mapped to by the feed's profile.</summary>
    public Lead Lead { get; }

    /// <summary>Samples in mV at <see cref="EcgRecording.SampleRateHz"/>.</summary>
    public double[] Samples { get; }

    /// <summary>Lower end of the device's data range in mV, when the feed states it.</summary>
    public double? LowerLimitMillivolts { get; init; }

    /// <summary>Upper end of the device's data range in mV, when the feed states it.</summary>
    public double? UpperLimitMillivolts { get; init; }

    /// <summary>Where this lead came from in the message (for example <c>OBX[4]</c>), for issue locations.</summary>
    public string SourceLocation { get; init; } = "";
}

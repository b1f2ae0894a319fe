namespace EcgBridge.Core;

/// <summary>A decoded ECG: leads × samples in mV at one sample rate, with acquisition time and source ids.</summary>
public sealed class EcgRecording
{
    /// <summary>Creates a recording.</summary>
    public EcgRecording(IReadOnlyList<LeadSignal> leads, double sampleRateHz)
    {
        ArgumentNullException.ThrowIfNull(leads);
        Leads = leads;
        SampleRateHz = sampleRateHz;
    }

    /// <summary>The decoded leads, in the order the source sent them.</summary>
    public IReadOnlyList<LeadSignal> Leads { get; }

    /// <summary>Samples per second of every lead.</summary>
    public double SampleRateHz { get; }

    /// <summary>When the ECG was acquired (HL7 OBR-7 / TS, FHIR effective[x]).</summary>
    public DateTimeOffset? AcquisitionTime { get; init; }

    /// <summary>Source ids (PHI inside; never log).</summary>
    public EcgSource Source { get; init; } = new();

    /// <summary>Number of samples of the longest lead.</summary>
    public int SampleCount
    {
        get
        {
            int max = 0;
            foreach (LeadSignal lead in Leads)
            {
                max = Math.Max(max, lead.Samples.Length);
            }

            return max;
        }
    }

    /// <summary>Finds the first signal mapped to a lead.</summary>
    public LeadSignal? Find(Lead lead)
    {
        foreach (LeadSignal signal in Leads)
        {
            if (signal.Lead == lead)
            {
                return signal;
            }
        }

        return null;
    }
}

namespace EcgBridge.Cli.Commands;

/// <summary>What <c>ecgbridge simulate</c> writes or sends for each ECG.</summary>
internal enum SimulateFormat
{
    /// <summary>HL7 v2 ORU^R01, IHE PCD-01 style (one NA OBX per lead).</summary>
    Hl7,

    /// <summary>HL7 v2 ORU^R01 with chapter-7 waveform segments (CD channel definitions, MA multiplexed samples).</summary>
    Hl7Waveform,

    /// <summary>FHIR R4 Observation (JSON), one component per lead with SampledData at 1 µV.</summary>
    Fhir,

    /// <summary>WFDB record: .hea header and format-16 .dat.</summary>
    Wfdb,

    /// <summary>Normalized model tensor, 12 × 5000 float32 (.f32), for training.</summary>
    Tensor,
}

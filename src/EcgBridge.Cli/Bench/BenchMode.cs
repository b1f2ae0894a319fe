namespace EcgBridge.Cli.Bench;

/// <summary>What a bench run sends.</summary>
internal enum BenchMode
{
    /// <summary>Simulated 12-lead ECGs (HL7 v2 PCD-01, chapter-7 waveform, or FHIR Observation JSON).</summary>
    Ecg,

    /// <summary>Small non-ECG HL7 v2 messages (ADT^A01, about 300 bytes) to measure MLLP accept throughput.</summary>
    Small,
}

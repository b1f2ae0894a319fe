using EcgBridge.Core.Mapping;

namespace EcgBridge.Fhir.Decoding;

/// <summary>
/// Built-in FHIR profiles, used when the caller names none. They mirror mappings/fhir-components.json and
/// mappings/fhir-interleaved-12.json (the JSON files are the reviewed source; these keep the decoder usable alone).
/// </summary>
public static class FhirEcgProfiles
{
    /// <summary>The 12 standard leads in tensor order, as standard lead names.</summary>
    public static IReadOnlyList<string> StandardOrder { get; } = ["I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6"];

    /// <summary>
    /// Component per lead (MDC codes or catalog names), UCUM/MDC voltage units, no default unit; interleaved data with
    /// dimensions 12 is read in the standard lead order.
    /// </summary>
    public static MappingProfile Default { get; } = new()
    {
        Name = "fhir-components",
        Description = "FHIR R4 ECG Observation, one component per lead (MDC lead codes), valueSampledData in mV/uV.",
        Format = MappingFormat.FhirComponents,
        InterleavedLeadOrder = StandardOrder,
    };

    /// <summary>Interleaved: one valueSampledData with dimensions 12 in the standard lead order.</summary>
    public static MappingProfile Interleaved12 { get; } = new()
    {
        Name = "fhir-interleaved-12",
        Description = "FHIR R4 ECG Observation, one valueSampledData with dimensions 12, leads in standard order.",
        Format = MappingFormat.FhirInterleaved,
        InterleavedLeadOrder = StandardOrder,
    };
}

namespace EcgBridge.Core.Mapping;

/// <summary>
/// When a profile applies to a message without an explicit choice. Each non-empty list must contain the message's
/// value (case-insensitive); empty lists match anything.
/// </summary>
public sealed record MappingMatch
{
    /// <summary>HL7 MSH-3 namespace ids (first component) this profile serves.</summary>
    public IReadOnlyList<string> SendingApplications { get; init; } = [];

    /// <summary>HL7 MSH-4 namespace ids (first component).</summary>
    public IReadOnlyList<string> SendingFacilities { get; init; } = [];

    /// <summary>Observation codes: HL7 OBR-4 identifier (first component) or FHIR Observation.code codes.</summary>
    public IReadOnlyList<string> ObservationCodes { get; init; } = [];
}

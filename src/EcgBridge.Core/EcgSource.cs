namespace EcgBridge.Core;

/// <summary>
/// Who and what an ECG belongs to, carried from the message into the RiskAssessment.
/// Contains PHI (patient and encounter identifiers): never log it, never put it in issue locations or bus headers.
/// </summary>
public sealed record EcgSource
{
    /// <summary>HL7 MSH-3 or the FHIR client's system.</summary>
    public string? SendingApplication { get; init; }

    /// <summary>HL7 MSH-4.</summary>
    public string? SendingFacility { get; init; }

    /// <summary>HL7 MSH-10, the message control id.</summary>
    public string? MessageControlId { get; init; }

    /// <summary>Patient identifier (HL7 PID-3 first repetition, FHIR subject reference). PHI.</summary>
    public string? PatientId { get; init; }

    /// <summary>Assigning authority or identifier system of <see cref="PatientId"/>.</summary>
    public string? PatientIdSystem { get; init; }

    /// <summary>Encounter / visit number (HL7 PV1-19, FHIR encounter reference). PHI.</summary>
    public string? EncounterId { get; init; }

    /// <summary>Order number (HL7 OBR-2/OBR-3 placer/filler).</summary>
    public string? OrderId { get; init; }

    /// <summary>FHIR Observation id (or identifier value) of the source ECG.</summary>
    public string? ObservationId { get; init; }

    /// <summary>FHIR Observation identifier system, when the ECG was identified by identifier.</summary>
    public string? ObservationIdentifierSystem { get; init; }

    /// <summary>Device that acquired the ECG (model/serial text), when given.</summary>
    public string? DeviceId { get; init; }
}

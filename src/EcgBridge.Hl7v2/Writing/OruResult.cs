namespace EcgBridge.Hl7v2.Writing;

/// <summary>What an ORU^R01 result message says about one scored ECG (PHI inside: patient and order ids).</summary>
public sealed record OruResult
{
    /// <summary>MSH-10; fixed per result and destination so a resend after a restart is the same message.</summary>
    public required string ControlId { get; init; }

    public DateTimeOffset Timestamp { get; init; } = DateTimeOffset.UtcNow;

    public string SendingApplication { get; init; } = "ECGBRIDGE";

    public string? SendingFacility { get; init; }

    public string? ReceivingApplication { get; init; }

    public string? ReceivingFacility { get; init; }

    public string? PatientId { get; init; }

    public string? PatientIdSystem { get; init; }

    public string? EncounterId { get; init; }

    /// <summary>OBR-2 / OBR-3 of the source message, echoed so the receiver files the result with its order.</summary>
    public string? PlacerOrderNumber { get; init; }

    public string? FillerOrderNumber { get; init; }

    public DateTimeOffset? AcquisitionTime { get; init; }

    public required double Probability { get; init; }

    /// <summary>risk-probability code (negligible, low, moderate, high).</summary>
    public required string RiskCode { get; init; }

    public required string RiskDisplay { get; init; }

    public required string ModelName { get; init; }

    public required string ModelVersion { get; init; }

    public required string ModelSha256 { get; init; }

    public required string IntendedUse { get; init; }

    /// <summary>OBX-11: F (final) for the approved model, P (preliminary) otherwise.</summary>
    public bool Final { get; init; } = true;
}

using EcgBridge.Core;
using EcgBridge.Core.Scoring;

namespace EcgBridge.Fhir.Outputs;

/// <summary>Everything a RiskAssessment is built from: the prediction, where the ECG came from, and the references.</summary>
public sealed record RiskAssessmentRequest
{
    /// <summary>The model's answer.</summary>
    public required Prediction Prediction { get; init; }

    /// <summary>The manifest's thresholds (qualitativeRisk).</summary>
    public required RiskThresholds Thresholds { get; init; }

    /// <summary>
    /// The dedupe key of the input (DESIGN.md "Reliability rules"); identifier value and id are its SHA-256, so a retry
    /// never creates a second resource.
    /// </summary>
    public required string DedupeKey { get; init; }

    /// <summary>Subject and encounter (PHI).</summary>
    public EcgSource Source { get; init; } = new();

    /// <summary>Acquisition time of the ECG (occurrenceDateTime).</summary>
    public DateTimeOffset? AcquisitionTime { get; init; }

    /// <summary>Reference to the source ECG Observation (RiskAssessment.basis), e.g. <c>Observation/123</c> or a full URL.</summary>
    public string? BasisReference { get; init; }

    /// <summary>
    /// Logical reference to the source ECG by identifier (system, value) when it has no resolvable id — an HL7 v2 message
    /// (system names the sending application, value its control id) or a FHIR Observation posted without an id.
    /// Used when <see cref="BasisReference"/> is null.
    /// </summary>
    public (string System, string Value)? BasisIdentifier { get; init; }

    /// <summary>Reference to the model's Device (RiskAssessment.performer), e.g. <c>Device/&lt;id&gt;</c>.</summary>
    public string? DeviceReference { get; init; }
}

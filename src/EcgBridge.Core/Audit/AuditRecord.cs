using EcgBridge.Core.Scoring;

namespace EcgBridge.Core.Audit;

/// <summary>
/// What the host knows about one message at one step; the store adds sequence number, outcome and hash chain.
/// Times are stored in UTC truncated to whole microseconds.
/// </summary>
public sealed record AuditRecord
{
    /// <summary>Sender application + facility + control id + waveform hash (FHIR: identifier or id/version + hash).</summary>
    public required string DedupeKey { get; init; }

    public required AuditChannel Channel { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>MSH-3^MSH-4 or the FHIR client id.</summary>
    public string? SourceSystem { get; init; }

    /// <summary>MSH-10 control id or the Observation id.</summary>
    public string? MessageId { get; init; }

    /// <summary>Lowercase hex SHA-256 of the raw message bytes.</summary>
    public string? RawSha256 { get; init; }

    /// <summary>Lowercase hex SHA-256 of the float32 tensor bytes.</summary>
    public string? TensorSha256 { get; init; }

    public string? ModelName { get; init; }

    public string? ModelVersion { get; init; }

    public string? ModelSha256 { get; init; }

    public string? PreprocessingVersion { get; init; }

    public double? Probability { get; init; }

    public RiskLevel? Risk { get; init; }

    public string? RiskAssessmentId { get; init; }

    /// <summary>Error codes, optionally with their location (<c>HL7-MSH-TRUNCATED MSH-9</c>); never input values.</summary>
    public IReadOnlyList<string> ErrorCodes { get; init; } = [];

    public double? DecodeMilliseconds { get; init; }

    public double? NormalizeMilliseconds { get; init; }

    public double? ScoreMilliseconds { get; init; }

    public double? RecordMilliseconds { get; init; }

    /// <summary>
    /// The patient identifier as received. The store keeps only its HMAC-SHA256 under the configured key (for the
    /// compliance search); the identifier itself is never persisted or logged.
    /// </summary>
    public string? PatientId { get; init; }

    /// <summary>Copies the model fields of a prediction.</summary>
    public AuditRecord WithPrediction(Prediction prediction)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        return this with
        {
            ModelName = prediction.Model.Name,
            ModelVersion = prediction.Model.Version,
            ModelSha256 = prediction.Model.Sha256,
            PreprocessingVersion = prediction.Model.PreprocessingVersion,
            Probability = prediction.Probability,
            Risk = prediction.Risk,
        };
    }
}

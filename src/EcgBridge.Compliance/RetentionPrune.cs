namespace EcgBridge.Compliance;

/// <summary>
/// One retention run: raw payload copies (stored tensors, scored spool files) received before <see cref="Cutoff"/>
/// were deleted; audit rows stay. Recorded by <see cref="AuditEventBuilder.ForRetentionPrune"/>.
/// </summary>
public sealed record RetentionPrune
{
    public required DateTimeOffset Recorded { get; init; }

    /// <summary>Everything stored before this time was due.</summary>
    public required DateTimeOffset Cutoff { get; init; }

    /// <summary>The configured retention in days.</summary>
    public required int RetentionDays { get; init; }

    public required int DeletedTensors { get; init; }

    public required int DeletedSpoolFiles { get; init; }

    /// <summary>Null when the run succeeded; otherwise the code of the failure.</summary>
    public string? FailureCode { get; init; }
}

namespace EcgBridge.Compliance;

/// <summary>
/// One read of the audit record (search, export, page view), to be recorded as a BALP Query AuditEvent by
/// <see cref="AuditEventBuilder.ForQuery"/>. <see cref="QueryText"/> comes from <see cref="ComplianceFilter.Describe"/>
/// (patient only as its hash).
/// </summary>
public sealed record AuditQueryAccess
{
    public required DateTimeOffset Recorded { get; init; }

    /// <summary>Who looked: <c>user@host</c> for the CLI, the token subject for the web page.</summary>
    public required string Accessor { get; init; }

    /// <summary>The reading application (<c>ecgbridge-cli</c>, <c>ecgbridge</c>).</summary>
    public required string Application { get; init; }

    /// <summary>What was done, for example <c>audit search</c> or <c>audit export csv</c>.</summary>
    public required string Interaction { get; init; }

    public required string QueryText { get; init; }

    /// <summary>HMAC hash of the patient searched for, when the query named one.</summary>
    public string? PatientIdHash { get; init; }

    /// <summary>Rows returned (for an export: written).</summary>
    public long? ResultCount { get; init; }

    /// <summary>Null when the read succeeded; otherwise the code of the failure (an issue code or an exception type).</summary>
    public string? FailureCode { get; init; }
}

namespace EcgBridge.Audit.Data;

/// <summary>Table <c>outbox</c>: a delivery written in the same transaction as its audit row.</summary>
public sealed class OutboxRow
{
    public long Id { get; set; }

    public long AuditSeq { get; set; }

    public string DedupeKey { get; set; } = "";

    public string Kind { get; set; } = "";

    public string Payload { get; set; } = "";

    public string Status { get; set; } = "";

    public int Attempts { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public DateTimeOffset? DoneAt { get; set; }

    public string? LastErrorCode { get; set; }

    public int? LastHttpStatus { get; set; }
}

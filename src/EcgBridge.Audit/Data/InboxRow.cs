namespace EcgBridge.Audit.Data;

/// <summary>Table <c>inbox</c>: one row per dedupe key, with the answer given so a resend gets the same one.</summary>
public sealed class InboxRow
{
    public string DedupeKey { get; set; } = "";

    public DateTimeOffset FirstSeenAt { get; set; }

    public string Channel { get; set; } = "";

    public string State { get; set; } = "";

    public string? AnswerCode { get; set; }

    public string? AnswerContentType { get; set; }

    public byte[]? AnswerBody { get; set; }

    /// <summary>Audit row of the first answer (accepted or rejected).</summary>
    public long? FirstSeq { get; set; }

    /// <summary>Audit row of the result (scored or failed).</summary>
    public long? ResultSeq { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

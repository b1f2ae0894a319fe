namespace EcgBridge.Audit.Data;

/// <summary>Table <c>audit_checkpoint</c>: append-only signed checkpoints of each chain (see docs/audit.md).</summary>
public sealed class AuditCheckpointRow
{
    public long Id { get; set; }

    public int ChainId { get; set; }

    /// <summary>1-based number of the checkpoint in its chain.</summary>
    public long Number { get; set; }

    /// <summary>Rows in the chain when the checkpoint was signed (= chain_seq of the head row).</summary>
    public long RowCount { get; set; }

    public string HeadHash { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public string KeyId { get; set; } = "";

    public string Algorithm { get; set; } = "";

    /// <summary>Base64 signature over <see cref="AuditCheckpoint.SigningPayload"/>.</summary>
    public string Signature { get; set; } = "";
}

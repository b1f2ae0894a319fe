namespace EcgBridge.Audit.Data;

/// <summary>
/// Table <c>ecg_tensor</c>: the normalized input of one scored audit row, compressed losslessly (see
/// <see cref="TensorCodec"/>) so it can be shown and re-hashed. Deleted by retention; the audit row stays.
/// </summary>
public sealed class EcgTensorRow
{
    /// <summary>The scored audit row (primary key: one tensor per row).</summary>
    public long AuditSeq { get; set; }

    /// <summary><see cref="TensorCodec.Encoding"/> of <see cref="Data"/>.</summary>
    public string Encoding { get; set; } = "";

    public int Leads { get; set; }

    public int Samples { get; set; }

    public byte[] Data { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
}

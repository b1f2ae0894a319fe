namespace EcgBridge.Audit.Data;

/// <summary>
/// Table <c>ecg_features</c>: input statistics of the tensor a Scored row scored (drift monitoring), written in the
/// same transaction as the row. Kept when retention removes the tensor.
/// </summary>
public sealed class EcgFeaturesRow
{
    public long AuditSeq { get; set; }

    public double? HeartRateBpm { get; set; }

    public double AmplitudeMv { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

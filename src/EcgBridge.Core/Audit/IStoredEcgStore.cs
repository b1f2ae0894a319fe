namespace EcgBridge.Core.Audit;

/// <summary>
/// Port: the normalized tensors kept beside scored audit rows for the compliance page, and their retention.
/// </summary>
public interface IStoredEcgStore
{
    /// <summary>
    /// The tensor stored with audit row <paramref name="sequence"/>, decoded and checked against the row's tensor hash;
    /// null when none was stored or retention removed it.
    /// </summary>
    Task<StoredEcg?> GetStoredEcgAsync(long sequence, CancellationToken cancellationToken);

    /// <summary>
    /// Retention: deletes stored tensors written before <paramref name="storedBefore"/> (audit rows stay) and returns how
    /// many were deleted.
    /// </summary>
    Task<int> PruneStoredEcgsAsync(DateTimeOffset storedBefore, CancellationToken cancellationToken);

    /// <summary>
    /// Input statistics (heart rate, amplitude) of the ECGs scored in [scoredFrom, scoredBefore), by the Scored row's sequence number
    /// (drift monitoring).
    /// </summary>
    Task<IReadOnlyDictionary<long, Normalization.EcgFeatures>> ReadFeaturesAsync(DateTimeOffset scoredFrom, DateTimeOffset scoredBefore, CancellationToken cancellationToken);
}

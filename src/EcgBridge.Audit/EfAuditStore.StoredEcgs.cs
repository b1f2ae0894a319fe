using System.Diagnostics.CodeAnalysis;
using EcgBridge.Audit.Data;
using EcgBridge.Core;
using EcgBridge.Core.Audit;
using Microsoft.EntityFrameworkCore;

namespace EcgBridge.Audit;

// IStoredEcgStore: normalized input tensors kept beside their audit rows, and their retention.
public sealed partial class EfAuditStore
{
    /// <inheritdoc />
    public async Task<StoredEcg?> GetStoredEcgAsync(long sequence, CancellationToken cancellationToken)
    {
        await using AuditDbContext db = _database.CreateContext();
        EcgTensorRow? stored = await db.EcgTensors.AsNoTracking().SingleOrDefaultAsync(x => x.AuditSeq == sequence, cancellationToken);
        if (stored is null)
        {
            return null;
        }

        // The audit row's hash is the truth; the stored copy only counts when it hashes to it.
        string? auditHash = await db.Audit.AsNoTracking().Where(x => x.Seq == sequence).Select(x => x.TensorSha256).SingleOrDefaultAsync(cancellationToken);
        EcgTensor? tensor = null;
        bool readable = stored.Leads == EcgTensor.LeadCount
            && stored.Samples == EcgTensor.SampleCount
            && TensorCodec.TryDecode(stored.Encoding, stored.Data, out tensor);
        if (!readable || tensor is null)
        {
            ThrowUnreadableTensor(sequence);
        }

        string sha256 = tensor.Sha256Hex();
        return new StoredEcg(sequence, tensor, sha256, string.Equals(sha256, auditHash, StringComparison.Ordinal), stored.CreatedAt, stored.Data.Length);
    }

    /// <inheritdoc />
    public async Task<int> PruneStoredEcgsAsync(DateTimeOffset storedBefore, CancellationToken cancellationToken)
    {
        DateTimeOffset bound = AuditChain.Truncate(storedBefore);
        await using AuditDbContext db = _database.CreateContext();
        return await db.EcgTensors.Where(x => x.CreatedAt < bound).ExecuteDeleteAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<long, Core.Normalization.EcgFeatures>> ReadFeaturesAsync(DateTimeOffset scoredFrom, DateTimeOffset scoredBefore, CancellationToken cancellationToken)
    {
        DateTimeOffset low = AuditChain.Truncate(scoredFrom);
        DateTimeOffset high = AuditChain.Truncate(scoredBefore);
        await using AuditDbContext db = _database.CreateContext();
        return await db.EcgFeatures.AsNoTracking()
            .Where(x => x.CreatedAt >= low && x.CreatedAt < high)
            .ToDictionaryAsync(x => x.AuditSeq, x => new Core.Normalization.EcgFeatures(x.HeartRateBpm, x.AmplitudeMv), cancellationToken);
    }

    [DoesNotReturn]
    private static void ThrowUnreadableTensor(long sequence) =>
        throw new InvalidDataException($"The stored tensor of audit row {sequence} is not in a readable form.");
}

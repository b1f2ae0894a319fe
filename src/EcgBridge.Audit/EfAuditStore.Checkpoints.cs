using EcgBridge.Audit.Data;
using EcgBridge.Core.Audit;
using Microsoft.EntityFrameworkCore;

namespace EcgBridge.Audit;

// Signed checkpoints: every N rows of a chain, every T seconds (AuditCheckpointService) and at shutdown.
public sealed partial class EfAuditStore
{
    private readonly Lock _statusLock = new();
    private AuditCheckpointStatus _status;
    private bool _witnessBehind;

    /// <summary>Checkpointing health: null code when signed and witnessed; see <see cref="AuditCheckpointStatus"/>.</summary>
    public AuditCheckpointStatus CheckpointStatus
    {
        get
        {
            lock (_statusLock)
            {
                return _status;
            }
        }
    }

    /// <summary>The checkpoint cadence (for the service that writes checkpoints on time).</summary>
    public TimeSpan CheckpointInterval => _checkpoints.Every;

    /// <summary>
    /// Writes a checkpoint for every chain with rows newer than its last checkpoint (the timer and shutdown call this;
    /// the host calls it once more when it stops). Returns how many were written; no signing key: none.
    /// </summary>
    public async Task<int> WriteCheckpointsAsync(CancellationToken cancellationToken)
    {
        int written = 0;
        for (int chainId = 0; chainId < _checkpoints.ChainCount; chainId++)
        {
            if (await WriteCheckpointAsync(chainId, cancellationToken) is not null)
            {
                written++;
            }
        }

        // A required witness that failed is probed again even when no rows arrived (writes are refused meanwhile).
        if (written == 0 && _witnessBehind)
        {
            await CatchUpWitnessAsync(cancellationToken);
        }

        return written;
    }

    /// <summary>
    /// Writes a checkpoint of chain <paramref name="chainId"/> when it has rows newer than its last checkpoint; returns it,
    /// or null when there was nothing new or no signing key.
    /// </summary>
    public async Task<AuditCheckpoint?> WriteCheckpointAsync(int chainId, CancellationToken cancellationToken)
    {
        AuditKeyRing? keys = _checkpoints.Keys;
        if (keys?.SigningKeyId is not { } keyId)
        {
            return null;
        }

        await using AuditDbContext db = _database.CreateContext();

        // Not BeginChainTransactionAsync: checkpoints must still be written (and the witness probed) while appends are refused.
        await using WriteTransaction transaction = await BeginWriteAsync(db, cancellationToken);
        if (_database.Provider == AuditProvider.PostgreSql)
        {
            long key = ChainLockKey + chainId;
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key})", cancellationToken);
        }

        var head = await db.Audit.AsNoTracking()
            .Where(x => x.ChainId == chainId)
            .OrderByDescending(x => x.ChainSeq)
            .Select(x => new { x.ChainSeq, x.Hash })
            .FirstOrDefaultAsync(cancellationToken);
        AuditCheckpointRow? last = await db.Checkpoints.AsNoTracking()
            .Where(x => x.ChainId == chainId)
            .OrderByDescending(x => x.Number)
            .FirstOrDefaultAsync(cancellationToken);
        if (head is null || (last is not null && last.RowCount == head.ChainSeq))
        {
            Interlocked.Exchange(ref _sinceCheckpoint[chainId], 0);
            return null;
        }

        DateTimeOffset now = AuditChain.Truncate(_time.GetUtcNow());
        long number = (last?.Number ?? 0) + 1;
        byte[] payload = AuditCheckpoint.Payload(chainId, number, head.ChainSeq, head.Hash, now, keyId, AuditCheckpoint.Es256);
        var checkpoint = new AuditCheckpoint(chainId, number, head.ChainSeq, head.Hash, now, keyId, AuditCheckpoint.Es256, keys.Sign(payload));
        db.Checkpoints.Add(new AuditCheckpointRow
        {
            ChainId = chainId,
            Number = number,
            RowCount = checkpoint.RowCount,
            HeadHash = checkpoint.HeadHash,
            CreatedAt = now,
            KeyId = keyId,
            Algorithm = checkpoint.Algorithm,
            Signature = checkpoint.Signature,
        });
        await db.SaveChangesAsync(cancellationToken);

        // Witnessed under the chain lock, before commit: lines of one chain stay in number order across processes.
        // A commit that fails after this leaves a witness line without a database row (reported as CHECKPOINT-MISSING).
        bool witnessed = true;
        if (_checkpoints.Witness is { } witness)
        {
            if (_witnessBehind)
            {
                witnessed = AppendMissing(witness, chainId, await db.Checkpoints.AsNoTracking()
                    .Where(x => x.ChainId == chainId && x.Number < number)
                    .OrderBy(x => x.Number)
                    .ToListAsync(cancellationToken));
            }

            witnessed = witnessed && witness.TryAppend(checkpoint);
        }

        await transaction.CommitAsync(cancellationToken);
        Interlocked.Exchange(ref _sinceCheckpoint[chainId], 0);
        SetWitnessState(witnessed, now);
        return checkpoint;
    }

    // After each committed append: count it, and checkpoint the chain when it reached the row cadence.
    private async Task AppendedAsync(int chainId, CancellationToken cancellationToken)
    {
        if (_checkpoints.Keys?.SigningKeyId is null)
        {
            return;
        }

        if (Interlocked.Increment(ref _sinceCheckpoint[chainId]) >= _checkpoints.EveryRows)
        {
            await WriteCheckpointAsync(chainId, cancellationToken);
        }
    }

    private void EnsureAccepting()
    {
        if (!CheckpointStatus.AcceptingWrites)
        {
            throw new AuditWitnessUnavailableException();
        }
    }

    private async Task CatchUpWitnessAsync(CancellationToken cancellationToken)
    {
        if (_checkpoints.Witness is not { } witness)
        {
            return;
        }

        bool witnessed = true;
        await using AuditDbContext db = _database.CreateContext();
        for (int chainId = 0; chainId < _checkpoints.ChainCount && witnessed; chainId++)
        {
            int chain = chainId;
            witnessed = AppendMissing(witness, chain, await db.Checkpoints.AsNoTracking()
                .Where(x => x.ChainId == chain)
                .OrderBy(x => x.Number)
                .ToListAsync(cancellationToken));
        }

        SetWitnessState(witnessed, null);
    }

    // Appends the database checkpoints the witness file lacks (after the witness was unwritable for a while).
    private static bool AppendMissing(AuditWitness witness, int chainId, List<AuditCheckpointRow> rows)
    {
        long witnessed = 0;
        foreach (AuditCheckpoint? line in witness.Read(chainId))
        {
            if (line is not null && line.Number > witnessed)
            {
                witnessed = line.Number;
            }
        }

        foreach (AuditCheckpointRow row in rows)
        {
            if (row.Number > witnessed && !witness.TryAppend(ToCheckpoint(row)))
            {
                return false;
            }
        }

        return true;
    }

    internal static AuditCheckpoint ToCheckpoint(AuditCheckpointRow row) =>
        new(row.ChainId, row.Number, row.RowCount, row.HeadHash, row.CreatedAt, row.KeyId, row.Algorithm, row.Signature);

    private void SetWitnessState(bool witnessed, DateTimeOffset? checkpointAt)
    {
        lock (_statusLock)
        {
            _witnessBehind = !witnessed;
            DateTimeOffset? last = checkpointAt ?? _status.LastCheckpointAt;
            _status = witnessed
                ? new AuditCheckpointStatus(null, true, last)
                : new AuditCheckpointStatus(AuditCodes.WitnessUnwritable, !_checkpoints.RequireWitness, last);
        }
    }
}

using EcgBridge.Audit.Data;
using EcgBridge.Core.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace EcgBridge.Audit;

/// <summary>
/// <see cref="IAuditStore"/> on EF Core. Every write that appends an audit row first takes the lock of the dedupe key's
/// chain (PostgreSQL: <c>pg_advisory_xact_lock</c> per chain; SQLite: the write lock of <c>BEGIN IMMEDIATE</c>), then
/// reads that chain's last row, so each chain stays linear across threads and processes, and inbox checks cannot race
/// (resends of one message always meet on the same chain).
/// </summary>
public sealed partial class EfAuditStore : IAuditStore
{
    /// <summary>PostgreSQL advisory lock key of chain 0 ("ECGBAUDT"); chain n uses this key + n.</summary>
    public const long ChainLockKey = 0x4543474241554454;

    private const string ErrorCodeSeparator = ";";

    private readonly AuditDatabase _database;
    private readonly PatientIdHasher _hasher;
    private readonly TimeProvider _time;
    private readonly AuditCheckpointSettings _checkpoints;
    private readonly long[] _sinceCheckpoint;

    /// <summary>A store with one chain and no checkpoints (tools that only read, tests).</summary>
    public EfAuditStore(AuditDatabase database, PatientIdHasher hasher, TimeProvider time)
        : this(database, hasher, time, AuditCheckpointSettings.None)
    {
    }

    /// <summary>A store with the chains, signing key and witness of <paramref name="checkpoints"/>.</summary>
    public EfAuditStore(AuditDatabase database, PatientIdHasher hasher, TimeProvider time, AuditCheckpointSettings checkpoints)
    {
        ArgumentNullException.ThrowIfNull(checkpoints);
        _database = database;
        _hasher = hasher;
        _time = time;
        _checkpoints = checkpoints;
        _sinceCheckpoint = new long[checkpoints.ChainCount];
        _status = checkpoints.Keys?.SigningKeyId is null
            ? new AuditCheckpointStatus(checkpoints.KeyCode ?? AuditCodes.SigningKeyMissing, AcceptingWrites: true, LastCheckpointAt: null)
            : AuditCheckpointStatus.Healthy;
    }

    /// <summary>Number of chains this store appends to.</summary>
    public int ChainCount => _checkpoints.ChainCount;

    /// <summary>The chain a dedupe key belongs to: the first four bytes of its SHA-256, modulo the chain count.</summary>
    public int ChainOf(string dedupeKey)
    {
        ArgumentNullException.ThrowIfNull(dedupeKey);
        if (_checkpoints.ChainCount == 1)
        {
            return 0;
        }

        Span<byte> hash = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(dedupeKey), hash);
        return (int)(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(hash) % (uint)_checkpoints.ChainCount);
    }

    private async Task<WriteTransaction> BeginChainTransactionAsync(AuditDbContext db, int chainId, CancellationToken cancellationToken)
    {
        EnsureAccepting();
        WriteTransaction transaction = await BeginWriteAsync(db, cancellationToken);
        if (_database.Provider == AuditProvider.PostgreSql)
        {
            // Held until commit/rollback; every writer of this chain in every process takes the same key.
            long key = ChainLockKey + chainId;
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key})", cancellationToken);
        }

        return transaction;
    }

    private async Task<WriteTransaction> BeginWriteAsync(AuditDbContext db, CancellationToken cancellationToken)
    {
        SemaphoreSlim? gate = _database.SqliteWriteGate;
        if (gate is not null)
        {
            await gate.WaitAsync(cancellationToken);
        }

        try
        {
            return new WriteTransaction(await db.Database.BeginTransactionAsync(cancellationToken), gate);
        }
        catch
        {
            gate?.Release();
            throw;
        }
    }

    // A database transaction plus this process's SQLite write gate, released as soon as the transaction ends (at commit,
    // so work after the commit, such as a checkpoint, can take the gate again; or at dispose after a rollback).
    private sealed class WriteTransaction(IDbContextTransaction transaction, SemaphoreSlim? gate) : IAsyncDisposable
    {
        private bool _ended;

        public async Task CommitAsync(CancellationToken cancellationToken)
        {
            await transaction.CommitAsync(cancellationToken);
            await DisposeAsync();
        }

        public async ValueTask DisposeAsync()
        {
            if (_ended)
            {
                return;
            }

            _ended = true;
            try
            {
                await transaction.DisposeAsync();
            }
            finally
            {
                gate?.Release();
            }
        }
    }
}

using EcgBridge.Audit.Data;
using EcgBridge.Core.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace EcgBridge.Audit;

/// <summary>
/// <see cref="IAuditStore"/> on EF Core. Every write that appends an audit row first takes the chain lock (PostgreSQL:
/// <c>pg_advisory_xact_lock</c>; SQLite: the write lock of <c>BEGIN IMMEDIATE</c>), then reads the last row, so the chain
/// stays linear across threads and processes, and inbox checks cannot race.
/// </summary>
public sealed partial class EfAuditStore : IAuditStore
{
    /// <summary>PostgreSQL advisory lock key of the chain ("ECGBAUDT").</summary>
    public const long ChainLockKey = 0x4543474241554454;

    private const int VerifyBatchSize = 2000;
    private const string ErrorCodeSeparator = ";";

    private readonly AuditDatabase _database;
    private readonly PatientIdHasher _hasher;
    private readonly TimeProvider _time;

    public EfAuditStore(AuditDatabase database, PatientIdHasher hasher, TimeProvider time)
    {
        _database = database;
        _hasher = hasher;
        _time = time;
    }

    private async Task<WriteTransaction> BeginChainTransactionAsync(AuditDbContext db, CancellationToken cancellationToken)
    {
        WriteTransaction transaction = await BeginWriteAsync(db, cancellationToken);
        if (_database.Provider == AuditProvider.PostgreSql)
        {
            // Held until commit/rollback; every chain writer in every process takes the same key.
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({ChainLockKey})", cancellationToken);
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

    // A database transaction plus this process's SQLite write gate, released after the transaction ends.
    private sealed class WriteTransaction(IDbContextTransaction transaction, SemaphoreSlim? gate) : IAsyncDisposable
    {
        public Task CommitAsync(CancellationToken cancellationToken) => transaction.CommitAsync(cancellationToken);

        public async ValueTask DisposeAsync()
        {
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

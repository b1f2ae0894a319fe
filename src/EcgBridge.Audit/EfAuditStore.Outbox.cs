using EcgBridge.Audit.Data;
using EcgBridge.Core.Audit;
using Microsoft.EntityFrameworkCore;

namespace EcgBridge.Audit;

// IOutbox: claiming, completing and failing deliveries.
public sealed partial class EfAuditStore
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<OutboxMessage>> ClaimDueAsync(int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        DateTimeOffset now = AuditChain.Truncate(_time.GetUtcNow());
        DateTimeOffset leaseUntil = AuditChain.Truncate(now + lease);
        string pending = AuditNames.Of(OutboxStatus.Pending);

        await using AuditDbContext db = _database.CreateContext();
        await using WriteTransaction transaction = await BeginWriteAsync(db, cancellationToken);
        List<OutboxRow> due = _database.Provider == AuditProvider.PostgreSql

            // SKIP LOCKED: dispatchers in other processes claim other rows instead of waiting for these.
            ? await db.Outbox.FromSql(
                    $"SELECT * FROM outbox WHERE status = {pending} AND next_attempt_at <= {now} ORDER BY id LIMIT {max} FOR UPDATE SKIP LOCKED")
                .ToListAsync(cancellationToken)

            // SQLite: BEGIN IMMEDIATE already holds the database's single write lock.
            : await db.Outbox.Where(x => x.Status == pending && x.NextAttemptAt <= now)
                .OrderBy(x => x.Id)
                .Take(max)
                .ToListAsync(cancellationToken);

        var claimed = new List<OutboxMessage>(due.Count);
        foreach (OutboxRow row in due)
        {
            row.Attempts++;
            row.NextAttemptAt = leaseUntil;
            claimed.Add(new OutboxMessage(row.Id, row.AuditSeq, row.DedupeKey, row.Kind, row.Payload, row.Attempts, row.CreatedAt, leaseUntil));
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return claimed;
    }

    /// <inheritdoc />
    public async Task MarkDeliveredAsync(long outboxId, CancellationToken cancellationToken)
    {
        DateTimeOffset now = AuditChain.Truncate(_time.GetUtcNow());
        string done = AuditNames.Of(OutboxStatus.Done);
        await using AuditDbContext db = _database.CreateContext();
        await db.Outbox.Where(x => x.Id == outboxId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, done).SetProperty(x => x.DoneAt, now), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<OutboxBacklog> GetOutboxBacklogAsync(CancellationToken cancellationToken)
    {
        string pending = AuditNames.Of(OutboxStatus.Pending);
        await using AuditDbContext db = _database.CreateContext();
        IQueryable<OutboxRow> rows = db.Outbox.AsNoTracking().Where(x => x.Status == pending);
        long count = await rows.LongCountAsync(cancellationToken);
        if (count == 0)
        {
            return new OutboxBacklog(0, null);
        }

        // Ids grow with insertion, so the lowest pending id is the oldest row (and SQLite cannot order by DateTimeOffset).
        List<DateTimeOffset> oldest = await rows.OrderBy(x => x.Id).Select(x => x.CreatedAt).Take(1).ToListAsync(cancellationToken);
        return new OutboxBacklog(count, oldest.Count > 0 ? oldest[0] : null);
    }

    /// <inheritdoc />
    public async Task MarkFailedAsync(long outboxId, string errorCode, int? httpStatus, DateTimeOffset? retryAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(errorCode);
        DateTimeOffset now = AuditChain.Truncate(_time.GetUtcNow());
        string status = AuditNames.Of(retryAt is null ? OutboxStatus.Failed : OutboxStatus.Pending);
        DateTimeOffset next = retryAt is { } at ? AuditChain.Truncate(at) : now;
        DateTimeOffset? doneAt = retryAt is null ? now : null;
        await using AuditDbContext db = _database.CreateContext();
        await db.Outbox.Where(x => x.Id == outboxId)
            .ExecuteUpdateAsync(
                s => s.SetProperty(x => x.Status, status)
                    .SetProperty(x => x.NextAttemptAt, next)
                    .SetProperty(x => x.DoneAt, doneAt)
                    .SetProperty(x => x.LastErrorCode, errorCode)
                    .SetProperty(x => x.LastHttpStatus, httpStatus),
                cancellationToken);
    }
}

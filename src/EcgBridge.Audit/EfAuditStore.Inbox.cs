using EcgBridge.Audit.Data;
using EcgBridge.Core.Audit;
using Microsoft.EntityFrameworkCore;

namespace EcgBridge.Audit;

// IInbox: first answers (accept, reject, duplicate) and the inbox state a result sets.
public sealed partial class EfAuditStore
{
    /// <inheritdoc />
    public Task<AcceptResult> AcceptAsync(AuditRecord record, StoredAnswer answer, CancellationToken cancellationToken) =>
        FirstAnswerAsync(record, answer, AuditOutcome.Accepted, InboxState.Accepted, cancellationToken);

    /// <inheritdoc />
    public Task<AcceptResult> RecordRejectedAsync(AuditRecord record, StoredAnswer answer, CancellationToken cancellationToken) =>
        FirstAnswerAsync(record, answer, AuditOutcome.Rejected, InboxState.Rejected, cancellationToken);

    private async Task<AcceptResult> FirstAnswerAsync(
        AuditRecord record,
        StoredAnswer answer,
        AuditOutcome outcome,
        InboxState state,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(answer);
        int chainId = ChainOf(record.DedupeKey);
        await using AuditDbContext db = _database.CreateContext();
        await using WriteTransaction transaction = await BeginChainTransactionAsync(db, chainId, cancellationToken);
        InboxRow? known = await db.Inbox.AsNoTracking().SingleOrDefaultAsync(x => x.DedupeKey == record.DedupeKey, cancellationToken);
        if (known is not null)
        {
            AuditRow duplicate = await AppendAsync(db, record, AuditOutcome.Duplicate, chainId, null, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            await AppendedAsync(chainId, cancellationToken);
            StoredAnswer? previous = known.AnswerCode is null
                ? null
                : new StoredAnswer(known.AnswerCode, known.AnswerContentType ?? "", known.AnswerBody ?? []);
            return new AcceptResult(true, duplicate.Seq, previous, AuditNames.State(known.State));
        }

        DateTimeOffset now = AuditChain.Truncate(_time.GetUtcNow());
        AuditRow row = await AppendAsync(db, record, outcome, chainId, null, cancellationToken);
        db.Inbox.Add(new InboxRow
        {
            DedupeKey = record.DedupeKey,
            FirstSeenAt = row.ReceivedAt,
            Channel = row.Channel,
            State = AuditNames.Of(state),
            AnswerCode = answer.Code,
            AnswerContentType = answer.ContentType,
            AnswerBody = answer.Body,
            FirstSeq = row.Seq,
            ResultSeq = state == InboxState.Rejected ? row.Seq : null,
            UpdatedAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await AppendedAsync(chainId, cancellationToken);
        return new AcceptResult(false, row.Seq, answer, state);
    }

    private static void SetResult(AuditDbContext db, InboxRow? inbox, AuditRecord record, AuditRow row, InboxState state, DateTimeOffset now)
    {
        if (inbox is null)
        {
            // A result for a message this store never accepted (for example a producer that skipped the inbox).
            db.Inbox.Add(new InboxRow
            {
                DedupeKey = record.DedupeKey,
                FirstSeenAt = row.ReceivedAt,
                Channel = row.Channel,
                State = AuditNames.Of(state),
                FirstSeq = row.Seq,
                ResultSeq = row.Seq,
                UpdatedAt = now,
            });
            return;
        }

        inbox.State = AuditNames.Of(state);
        inbox.ResultSeq = row.Seq;
        inbox.UpdatedAt = now;
    }
}

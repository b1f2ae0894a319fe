using System.Diagnostics.CodeAnalysis;
using EcgBridge.Audit.Data;
using EcgBridge.Core;
using EcgBridge.Core.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace EcgBridge.Audit;

/// <summary>
/// <see cref="IAuditStore"/> on EF Core. Every write that appends an audit row first takes the chain lock (PostgreSQL:
/// <c>pg_advisory_xact_lock</c>; SQLite: the write lock of <c>BEGIN IMMEDIATE</c>), then reads the last row, so the chain
/// stays linear across threads and processes, and inbox checks cannot race.
/// </summary>
public sealed class EfAuditStore : IAuditStore
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

    /// <inheritdoc />
    public Task<AcceptResult> AcceptAsync(AuditRecord record, StoredAnswer answer, CancellationToken cancellationToken) =>
        FirstAnswerAsync(record, answer, AuditOutcome.Accepted, InboxState.Accepted, cancellationToken);

    /// <inheritdoc />
    public Task<AcceptResult> RecordRejectedAsync(AuditRecord record, StoredAnswer answer, CancellationToken cancellationToken) =>
        FirstAnswerAsync(record, answer, AuditOutcome.Rejected, InboxState.Rejected, cancellationToken);

    /// <inheritdoc />
    public Task<RecordResult> RecordScoredAsync(
        AuditRecord record,
        IReadOnlyList<OutboxItem> outbox,
        RiskAssessmentDocument? riskAssessment,
        CancellationToken cancellationToken) =>
        RecordScoredAsync(record, outbox, riskAssessment, tensor: null, cancellationToken);

    /// <inheritdoc />
    public async Task<RecordResult> RecordScoredAsync(
        AuditRecord record,
        IReadOnlyList<OutboxItem> outbox,
        RiskAssessmentDocument? riskAssessment,
        EcgTensor? tensor,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(outbox);

        // Compressed before the chain lock is taken: every writer in every process waits on that lock.
        byte[]? storedTensor = tensor is null ? null : TensorCodec.Encode(tensor);
        await using AuditDbContext db = _database.CreateContext();
        await using WriteTransaction transaction = await BeginChainTransactionAsync(db, cancellationToken);
        InboxRow? inbox = await db.Inbox.SingleOrDefaultAsync(x => x.DedupeKey == record.DedupeKey, cancellationToken);
        if (inbox is { State: "scored", ResultSeq: { } earlier })
        {
            return new RecordResult(earlier, AlreadyRecorded: true);
        }

        DateTimeOffset now = AuditChain.Truncate(_time.GetUtcNow());
        AuditRow row = await AppendAsync(db, record, AuditOutcome.Scored, cancellationToken);
        foreach (OutboxItem item in outbox)
        {
            db.Outbox.Add(new OutboxRow
            {
                AuditSeq = row.Seq,
                DedupeKey = record.DedupeKey,
                Kind = item.Kind,
                Payload = item.Payload,
                Status = AuditNames.Of(OutboxStatus.Pending),
                Attempts = 0,
                CreatedAt = now,
                NextAttemptAt = now,
            });
        }

        if (riskAssessment is not null)
        {
            db.RiskAssessments.Add(new RiskAssessmentRow
            {
                Id = riskAssessment.Id,
                DedupeKey = record.DedupeKey,
                AuditSeq = row.Seq,
                Subject = riskAssessment.SubjectReference,
                Occurrence = riskAssessment.Occurrence is { } occurrence ? AuditChain.Truncate(occurrence) : null,
                Json = riskAssessment.Json,
                CreatedAt = now,
            });
        }

        if (storedTensor is not null)
        {
            db.EcgTensors.Add(new EcgTensorRow
            {
                AuditSeq = row.Seq,
                Encoding = TensorCodec.Encoding,
                Leads = EcgTensor.LeadCount,
                Samples = EcgTensor.SampleCount,
                Data = storedTensor,
                CreatedAt = now,
            });
        }

        SetResult(db, inbox, record, row, InboxState.Scored, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new RecordResult(row.Seq, AlreadyRecorded: false);
    }

    /// <inheritdoc />
    public async Task<RecordResult> RecordFailedAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await using AuditDbContext db = _database.CreateContext();
        await using WriteTransaction transaction = await BeginChainTransactionAsync(db, cancellationToken);
        InboxRow? inbox = await db.Inbox.SingleOrDefaultAsync(x => x.DedupeKey == record.DedupeKey, cancellationToken);
        if (inbox is { State: "scored" or "failed", ResultSeq: { } earlier })
        {
            return new RecordResult(earlier, AlreadyRecorded: true);
        }

        DateTimeOffset now = AuditChain.Truncate(_time.GetUtcNow());
        AuditRow row = await AppendAsync(db, record, AuditOutcome.Failed, cancellationToken);
        SetResult(db, inbox, record, row, InboxState.Failed, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new RecordResult(row.Seq, AlreadyRecorded: false);
    }

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

    /// <inheritdoc />
    public async Task<string?> GetRiskAssessmentJsonAsync(string id, CancellationToken cancellationToken)
    {
        await using AuditDbContext db = _database.CreateContext();
        return await db.RiskAssessments.AsNoTracking().Where(x => x.Id == id).Select(x => x.Json).SingleOrDefaultAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<RiskAssessmentPage> SearchRiskAssessmentsAsync(
        string? subject,
        DateTimeOffset? occurredFrom,
        DateTimeOffset? occurredBefore,
        int count,
        CancellationToken cancellationToken)
    {
        await using AuditDbContext db = _database.CreateContext();
        IQueryable<RiskAssessmentRow> query = db.RiskAssessments.AsNoTracking();
        if (subject is not null)
        {
            query = query.Where(x => x.Subject == subject);
        }

        if (occurredFrom is { } from)
        {
            DateTimeOffset bound = AuditChain.Truncate(from);
            query = query.Where(x => x.Occurrence >= bound);
        }

        if (occurredBefore is { } before)
        {
            DateTimeOffset bound = AuditChain.Truncate(before);
            query = query.Where(x => x.Occurrence < bound);
        }

        int total = await query.CountAsync(cancellationToken);
        if (count <= 0 || total == 0)
        {
            return new RiskAssessmentPage(total, []);
        }

        List<RiskAssessmentDocument> items = await query
            .OrderByDescending(x => x.Occurrence)
            .ThenBy(x => x.Id)
            .Take(count)
            .Select(x => new RiskAssessmentDocument(x.Id, x.Subject, x.Occurrence, x.Json))
            .ToListAsync(cancellationToken);
        return new RiskAssessmentPage(total, items);
    }

    /// <inheritdoc />
    public async Task<AuditPage> SearchAuditAsync(AuditFilter filter, int skip, int take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        await using AuditDbContext db = _database.CreateContext();
        IQueryable<AuditRow> query = db.Audit.AsNoTracking();
        if (_hasher.Hash(filter.PatientId) is { } patientHash)
        {
            query = query.Where(x => x.PatientIdHash == patientHash);
        }

        if (filter.DedupeKey is { } dedupeKey)
        {
            query = query.Where(x => x.DedupeKey == dedupeKey);
        }

        if (filter.MessageId is { } messageId)
        {
            query = query.Where(x => x.MessageId == messageId);
        }

        if (filter.SourceSystem is { } sourceSystem)
        {
            query = query.Where(x => x.SourceSystem == sourceSystem);
        }

        if (filter.Outcome is { } outcome)
        {
            string text = AuditNames.Of(outcome);
            query = query.Where(x => x.Outcome == text);
        }

        if (filter.RiskAssessmentId is { } riskAssessmentId)
        {
            query = query.Where(x => x.RiskAssessmentId == riskAssessmentId);
        }

        if (filter.From is { } from)
        {
            DateTimeOffset bound = AuditChain.Truncate(from);
            query = query.Where(x => x.ReceivedAt >= bound);
        }

        if (filter.To is { } to)
        {
            DateTimeOffset bound = AuditChain.Truncate(to);
            query = query.Where(x => x.ReceivedAt < bound);
        }

        int total = await query.CountAsync(cancellationToken);
        if (take <= 0 || total == 0)
        {
            return new AuditPage(total, []);
        }

        List<AuditRow> rows = await query.OrderBy(x => x.Seq).Skip(skip).Take(take).ToListAsync(cancellationToken);
        return new AuditPage(total, rows.ConvertAll(ToEntry));
    }

    /// <inheritdoc />
    public async Task<ChainVerification> VerifyChainAsync(CancellationToken cancellationToken)
    {
        await using AuditDbContext db = _database.CreateContext();
        long lastSeq = 0;
        string lastHash = AuditChain.Genesis;
        long count = 0;
        while (true)
        {
            long after = lastSeq;
            List<AuditRow> batch = await db.Audit.AsNoTracking()
                .Where(x => x.Seq > after)
                .OrderBy(x => x.Seq)
                .Take(VerifyBatchSize)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return new ChainVerification(true, count, null, null);
            }

            foreach (AuditRow row in batch)
            {
                string? code = row.Seq != lastSeq + 1 ? AuditCodes.ChainSequenceGap
                    : !string.Equals(AuditChain.ComputeHash(row), row.Hash, StringComparison.Ordinal) ? AuditCodes.ChainHashMismatch
                    : !string.Equals(row.PrevHash, lastHash, StringComparison.Ordinal) ? AuditCodes.ChainLinkBroken
                    : null;
                if (code is not null)
                {
                    return new ChainVerification(false, count, row.Seq, code);
                }

                count++;
                lastSeq = row.Seq;
                lastHash = row.Hash;
            }
        }
    }

    /// <inheritdoc />
    public async Task<AuditEntry?> GetAuditEntryAsync(long sequence, CancellationToken cancellationToken)
    {
        await using AuditDbContext db = _database.CreateContext();
        AuditRow? row = await db.Audit.AsNoTracking().SingleOrDefaultAsync(x => x.Seq == sequence, cancellationToken);
        return row is null ? null : ToEntry(row);
    }

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

    [DoesNotReturn]
    private static void ThrowUnreadableTensor(long sequence) =>
        throw new InvalidDataException($"The stored tensor of audit row {sequence} is not in a readable form.");

    private async Task<AcceptResult> FirstAnswerAsync(
        AuditRecord record,
        StoredAnswer answer,
        AuditOutcome outcome,
        InboxState state,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(answer);
        await using AuditDbContext db = _database.CreateContext();
        await using WriteTransaction transaction = await BeginChainTransactionAsync(db, cancellationToken);
        InboxRow? known = await db.Inbox.AsNoTracking().SingleOrDefaultAsync(x => x.DedupeKey == record.DedupeKey, cancellationToken);
        if (known is not null)
        {
            AuditRow duplicate = await AppendAsync(db, record, AuditOutcome.Duplicate, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            StoredAnswer? previous = known.AnswerCode is null
                ? null
                : new StoredAnswer(known.AnswerCode, known.AnswerContentType ?? "", known.AnswerBody ?? []);
            return new AcceptResult(true, duplicate.Seq, previous, AuditNames.State(known.State));
        }

        DateTimeOffset now = AuditChain.Truncate(_time.GetUtcNow());
        AuditRow row = await AppendAsync(db, record, outcome, cancellationToken);
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
        return new AcceptResult(false, row.Seq, answer, state);
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

    // Called with the chain lock held: the last row read here stays the last row until commit.
    private async Task<AuditRow> AppendAsync(AuditDbContext db, AuditRecord record, AuditOutcome outcome, CancellationToken cancellationToken)
    {
        var last = await db.Audit.AsNoTracking()
            .OrderByDescending(x => x.Seq)
            .Select(x => new { x.Seq, x.Hash })
            .FirstOrDefaultAsync(cancellationToken);
        var row = new AuditRow
        {
            Seq = (last?.Seq ?? 0) + 1,
            ReceivedAt = AuditChain.Truncate(record.ReceivedAt),
            FinishedAt = record.FinishedAt is { } finished ? AuditChain.Truncate(finished) : null,
            Channel = AuditNames.Of(record.Channel),
            SourceSystem = record.SourceSystem,
            MessageId = record.MessageId,
            DedupeKey = record.DedupeKey,
            RawSha256 = record.RawSha256,
            TensorSha256 = record.TensorSha256,
            ModelName = record.ModelName,
            ModelVersion = record.ModelVersion,
            ModelSha256 = record.ModelSha256,
            PreprocessingVersion = record.PreprocessingVersion,
            Probability = record.Probability,
            Risk = AuditNames.Of(record.Risk),
            RiskAssessmentId = record.RiskAssessmentId,
            Outcome = AuditNames.Of(outcome),
            ErrorCodes = record.ErrorCodes.Count == 0 ? null : string.Join(ErrorCodeSeparator, record.ErrorCodes),
            DecodeMs = record.DecodeMilliseconds,
            NormalizeMs = record.NormalizeMilliseconds,
            ScoreMs = record.ScoreMilliseconds,
            RecordMs = record.RecordMilliseconds,
            PatientIdHash = _hasher.Hash(record.PatientId),
            PrevHash = last?.Hash ?? AuditChain.Genesis,
        };
        row.Hash = AuditChain.ComputeHash(row);
        db.Audit.Add(row);
        return row;
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

    private static AuditEntry ToEntry(AuditRow row) => new()
    {
        Sequence = row.Seq,
        Outcome = AuditNames.Outcome(row.Outcome),
        DedupeKey = row.DedupeKey,
        Channel = AuditNames.Channel(row.Channel),
        ReceivedAt = row.ReceivedAt,
        FinishedAt = row.FinishedAt,
        SourceSystem = row.SourceSystem,
        MessageId = row.MessageId,
        RawSha256 = row.RawSha256,
        TensorSha256 = row.TensorSha256,
        ModelName = row.ModelName,
        ModelVersion = row.ModelVersion,
        ModelSha256 = row.ModelSha256,
        PreprocessingVersion = row.PreprocessingVersion,
        Probability = row.Probability,
        Risk = AuditNames.Risk(row.Risk),
        RiskAssessmentId = row.RiskAssessmentId,
        ErrorCodes = row.ErrorCodes is null ? [] : row.ErrorCodes.Split(ErrorCodeSeparator),
        DecodeMilliseconds = row.DecodeMs,
        NormalizeMilliseconds = row.NormalizeMs,
        ScoreMilliseconds = row.ScoreMs,
        RecordMilliseconds = row.RecordMs,
        PatientIdHash = row.PatientIdHash,
        PreviousHash = row.PrevHash,
        Hash = row.Hash,
    };

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

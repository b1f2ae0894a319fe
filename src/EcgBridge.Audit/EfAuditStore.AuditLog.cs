using EcgBridge.Audit.Data;
using EcgBridge.Core;
using EcgBridge.Core.Audit;
using Microsoft.EntityFrameworkCore;

namespace EcgBridge.Audit;

// IAuditLog: the scored and failed results, and the chain append every audit write goes through.
public sealed partial class EfAuditStore
{
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

        // Compressed and hashed before the chain lock is taken: every writer of the chain in every process waits on it.
        byte[]? storedTensor = tensor is null ? null : TensorCodec.Encode(tensor);
        Core.Normalization.EcgFeatures? features = tensor is null ? null : Core.Normalization.EcgFeatures.Compute(tensor);
        var coverage = new Coverage(
            riskAssessment is null ? null : AuditChain.Sha256(riskAssessment.Json),
            AuditChain.OutboxHash(OutboxItems(outbox)));
        int chainId = ChainOf(record.DedupeKey);
        await using AuditDbContext db = _database.CreateContext();
        await using WriteTransaction transaction = await BeginChainTransactionAsync(db, chainId, cancellationToken);
        InboxRow? inbox = await db.Inbox.SingleOrDefaultAsync(x => x.DedupeKey == record.DedupeKey, cancellationToken);
        if (inbox is { State: "scored", ResultSeq: { } earlier })
        {
            return new RecordResult(earlier, AlreadyRecorded: true);
        }

        DateTimeOffset now = AuditChain.Truncate(_time.GetUtcNow());
        AuditRow row = await AppendAsync(db, record, AuditOutcome.Scored, chainId, coverage, cancellationToken);
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
                OrderId = riskAssessment.OrderId,
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

        if (features is not null)
        {
            db.EcgFeatures.Add(new EcgFeaturesRow { AuditSeq = row.Seq, HeartRateBpm = features.HeartRateBpm, AmplitudeMv = features.AmplitudeMillivolts, CreatedAt = now });
        }

        SetResult(db, inbox, record, row, InboxState.Scored, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await AppendedAsync(chainId, cancellationToken);
        return new RecordResult(row.Seq, AlreadyRecorded: false);
    }

    /// <inheritdoc />
    public async Task<RecordResult> RecordFailedAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        int chainId = ChainOf(record.DedupeKey);
        await using AuditDbContext db = _database.CreateContext();
        await using WriteTransaction transaction = await BeginChainTransactionAsync(db, chainId, cancellationToken);
        InboxRow? inbox = await db.Inbox.SingleOrDefaultAsync(x => x.DedupeKey == record.DedupeKey, cancellationToken);
        if (inbox is { State: "scored" or "failed", ResultSeq: { } earlier })
        {
            return new RecordResult(earlier, AlreadyRecorded: true);
        }

        DateTimeOffset now = AuditChain.Truncate(_time.GetUtcNow());
        AuditRow row = await AppendAsync(db, record, AuditOutcome.Failed, chainId, null, cancellationToken);
        SetResult(db, inbox, record, row, InboxState.Failed, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await AppendedAsync(chainId, cancellationToken);
        return new RecordResult(row.Seq, AlreadyRecorded: false);
    }

    /// <inheritdoc />
    public async Task<RecordResult> RecordShadowAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        int chainId = ChainOf(record.DedupeKey);
        string outcome = AuditNames.Of(AuditOutcome.ShadowScored);
        await using AuditDbContext db = _database.CreateContext();
        await using WriteTransaction transaction = await BeginChainTransactionAsync(db, chainId, cancellationToken);
        long? earlier = await db.Audit.AsNoTracking()
            .Where(x => x.DedupeKey == record.DedupeKey && x.Outcome == outcome && x.ModelSha256 == record.ModelSha256)
            .Select(x => (long?)x.Seq)
            .FirstOrDefaultAsync(cancellationToken);
        if (earlier is { } seq)
        {
            return new RecordResult(seq, AlreadyRecorded: true);
        }

        AuditRow row = await AppendAsync(db, record, AuditOutcome.ShadowScored, chainId, null, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await AppendedAsync(chainId, cancellationToken);
        return new RecordResult(row.Seq, AlreadyRecorded: false);
    }

    // Called with the chain lock held: the last row read here stays the last row until commit.
    private async Task<AuditRow> AppendAsync(
        AuditDbContext db,
        AuditRecord record,
        AuditOutcome outcome,
        int chainId,
        Coverage? coverage,
        CancellationToken cancellationToken)
    {
        var last = await db.Audit.AsNoTracking()
            .Where(x => x.ChainId == chainId)
            .OrderByDescending(x => x.ChainSeq)
            .Select(x => new { x.ChainSeq, x.Hash })
            .FirstOrDefaultAsync(cancellationToken);
        var row = new AuditRow
        {
            Seq = await NextSequenceAsync(db, cancellationToken),
            HashVersion = AuditChain.CurrentHashVersion,
            ChainId = chainId,
            ChainSeq = (last?.ChainSeq ?? 0) + 1,
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
            RiskAssessmentSha256 = coverage?.RiskAssessmentSha256,
            OutboxSha256 = coverage?.OutboxSha256,
            PrevHash = last?.Hash ?? AuditChain.Genesis,
        };
        row.Hash = AuditChain.ComputeHash(row);
        db.Audit.Add(row);
        return row;
    }

    // The global sequence number: PostgreSQL takes it from a sequence because chains append concurrently (a rolled-back
    // append leaves a gap there, which is harmless: chains are checked by chain_seq); SQLite has one writer at a time.
    private async Task<long> NextSequenceAsync(AuditDbContext db, CancellationToken cancellationToken)
    {
        if (_database.Provider == AuditProvider.PostgreSql)
        {
            return await db.Database.SqlQueryRaw<long>("SELECT nextval('audit_seq_global') AS \"Value\"").SingleAsync(cancellationToken);
        }

        long? max = await db.Audit.AsNoTracking().MaxAsync(x => (long?)x.Seq, cancellationToken);
        return (max ?? 0) + 1;
    }

    private static List<(string Kind, string Payload)> OutboxItems(IReadOnlyList<OutboxItem> outbox)
    {
        var items = new List<(string Kind, string Payload)>(outbox.Count);
        foreach (OutboxItem item in outbox)
        {
            items.Add((item.Kind, item.Payload));
        }

        return items;
    }

    // What a scored row covers, hashed from exactly what is stored with it. The stored tensor is covered by the record's
    // tensor hash (the pipeline's hash of the tensor it scored); GetStoredEcgAsync checks the stored copy against it.
    private sealed record Coverage(string? RiskAssessmentSha256, string? OutboxSha256);
}

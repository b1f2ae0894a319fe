using EcgBridge.Audit.Data;
using EcgBridge.Core.Audit;
using Microsoft.EntityFrameworkCore;

namespace EcgBridge.Audit;

// Compliance reads: search, single rows and chain verification.
public sealed partial class EfAuditStore
{
    /// <inheritdoc />
    public async Task<AuditPage> SearchAuditAsync(AuditFilter filter, int skip, int take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        await using AuditDbContext db = _database.CreateContext();
        IQueryable<AuditRow> query = Filtered(db, filter);
        int total = await query.CountAsync(cancellationToken);
        if (take <= 0 || total == 0)
        {
            return new AuditPage(total, []);
        }

        List<AuditRow> rows = await query.OrderBy(x => x.Seq).Skip(skip).Take(take).ToListAsync(cancellationToken);
        return new AuditPage(total, rows.ConvertAll(ToEntry));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AuditEntry>> ReadScoresAsync(AuditFilter filter, long afterSequence, int take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfNegative(take);
        await using AuditDbContext db = _database.CreateContext();
        var rows = await Filtered(db, filter)
            .Where(x => x.Seq > afterSequence)
            .OrderBy(x => x.Seq)
            .Take(take)
            .Select(x => new { x.Seq, x.Outcome, x.DedupeKey, x.Channel, x.ReceivedAt, x.FinishedAt, x.SourceSystem, x.ModelName, x.ModelVersion, x.ModelSha256, x.PreprocessingVersion, x.Probability, x.Risk, x.RiskAssessmentId })
            .ToListAsync(cancellationToken);
        return rows.ConvertAll(x => new AuditEntry
        {
            Sequence = x.Seq,
            Outcome = AuditNames.Outcome(x.Outcome),
            DedupeKey = x.DedupeKey,
            Channel = AuditNames.Channel(x.Channel),
            ReceivedAt = x.ReceivedAt,
            FinishedAt = x.FinishedAt,
            SourceSystem = x.SourceSystem,
            ModelName = x.ModelName,
            ModelVersion = x.ModelVersion,
            ModelSha256 = x.ModelSha256,
            PreprocessingVersion = x.PreprocessingVersion,
            Probability = x.Probability,
            Risk = AuditNames.Risk(x.Risk),
            RiskAssessmentId = x.RiskAssessmentId,
            PreviousHash = "",
            Hash = "",
        });
    }

    private IQueryable<AuditRow> Filtered(AuditDbContext db, AuditFilter filter)
    {
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

        return query;
    }

    /// <inheritdoc />
    public async Task<ChainVerification> VerifyChainAsync(CancellationToken cancellationToken)
    {
        AuditVerification result = await VerifyAsync(state: null, cancellationToken);
        foreach (AuditFinding finding in result.Findings)
        {
            if (finding.Severity == AuditFindingSeverity.Error)
            {
                return new ChainVerification(false, result.RowsChecked, finding.Sequence ?? finding.ChainSequence, finding.Code);
            }
        }

        return new ChainVerification(true, result.RowsChecked, null, null);
    }

    /// <summary>
    /// Every chain against its checkpoints and the witness, with this store's keys; all findings (see
    /// <see cref="AuditVerifier"/>). <paramref name="state"/> null: in full.
    /// </summary>
    public async Task<AuditVerification> VerifyAsync(AuditVerifyState? state, CancellationToken cancellationToken)
    {
        using var none = new AuditKeyRing();
        return await new AuditVerifier(_database, _checkpoints.Keys ?? none, _checkpoints.Witness).VerifyAsync(state, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<AuditEntry?> GetAuditEntryAsync(long sequence, CancellationToken cancellationToken)
    {
        await using AuditDbContext db = _database.CreateContext();
        AuditRow? row = await db.Audit.AsNoTracking().SingleOrDefaultAsync(x => x.Seq == sequence, cancellationToken);
        return row is null ? null : ToEntry(row);
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
}

using EcgBridge.Audit;
using EcgBridge.Core.Audit;
using EcgBridge.Core.Feedback;
using EcgBridge.TestSupport;

namespace EcgBridge.IntegrationTests.Audit;

/// <summary>
/// Outcome feedback in the audit store on real PostgreSQL, connected as a login of the application role (so the
/// migration's grants are what is tested): matched, audited in the ECG's chain, and refused with codes.
/// </summary>
public sealed class OutcomeFeedbackStoreTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Occurrence = new(2026, 11, 23, 11, 0, 0, TimeSpan.Zero);
    private PostgresAuditDatabase _db = null!;
    private EfAuditStore _store = null!;

    public async Task InitializeAsync()
    {
        _db = await PostgresAuditDatabase.CreateAsync();
        _store = _db.CreateStore("ecgbridge-feedback", await _db.CreateAppLoginAsync());
        await _store.AcceptAsync(AuditSamples.Message("ecg-1"), AuditSamples.Ack("AA"), default);
        await _store.RecordScoredAsync(AuditSamples.Scored("ecg-1"), AuditSamples.Deliveries("ra-1"), AuditSamples.RiskAssessment("ra-1", "Patient/1", Occurrence), default);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Confirmed_diagnosis_is_recorded_in_the_ECGs_chain_and_read_back_for_evaluation()
    {
        FeedbackResult result = await _store.RecordFeedbackAsync(Record("c-1"), Feedback("c-1", "ra-1", "http://ehr.example/fhir/Patient/1"), default);

        Assert.True(result.Recorded, result.ErrorCode);
        AuditEntry row = Assert.Single((await _store.SearchAuditAsync(new AuditFilter { DedupeKey = "ecg-1", Outcome = AuditOutcome.OutcomeRecorded }, 0, 10, default)).Items);
        Assert.Equal("ra-1", row.RiskAssessmentId);
        Assert.Equal(result.AuditSequence, row.Sequence);
        OutcomeLabel label = Assert.Single(await _store.ReadOutcomesAsync(default));
        Assert.Equal(("ecg-1", "ra-1", (bool?)true), (label.DedupeKey, label.RiskAssessmentId, label.Confirmed));
        Assert.True((await _store.VerifyChainAsync(default)).Intact);
    }

    [Fact]
    public async Task Duplicate_unknown_RiskAssessment_and_other_patient_are_refused_with_codes_and_audited()
    {
        Assert.True((await _store.RecordFeedbackAsync(Record("c-1"), Feedback("c-1", "ra-1", "Patient/1"), default)).Recorded);

        FeedbackResult duplicate = await _store.RecordFeedbackAsync(Record("c-1"), Feedback("c-1", "ra-1", "Patient/1"), default);
        FeedbackResult unknown = await _store.RecordFeedbackAsync(Record("c-2"), Feedback("c-2", "ra-404", "Patient/1"), default);
        FeedbackResult otherPatient = await _store.RecordFeedbackAsync(Record("c-3"), Feedback("c-3", "ra-1", "Patient/2"), default);

        Assert.Equal(FeedbackCodes.Duplicate, duplicate.ErrorCode);
        Assert.Equal(FeedbackCodes.RiskAssessmentUnknown, unknown.ErrorCode);
        Assert.Equal(FeedbackCodes.SubjectMismatch, otherPatient.ErrorCode);
        Assert.Single(await _store.ReadOutcomesAsync(default));
        IReadOnlyList<AuditEntry> rejected = (await _store.SearchAuditAsync(new AuditFilter { Outcome = AuditOutcome.Rejected }, 0, 10, default)).Items;
        Assert.Equal(
            [FeedbackCodes.Duplicate, FeedbackCodes.RiskAssessmentUnknown, FeedbackCodes.SubjectMismatch],
            rejected.OrderBy(r => r.Sequence).Select(r => r.ErrorCodes[0].Split(' ')[0]));
        Assert.Equal(1, await _db.ScalarAsync("SELECT count(*) FROM outcome_feedback"));
        Assert.True((await _store.VerifyChainAsync(default)).Intact);
    }

    [Fact]
    public async Task Feedback_rows_are_append_only_for_the_application_role()
    {
        Assert.True((await _store.RecordFeedbackAsync(Record("c-1"), Feedback("c-1", "ra-1", "Patient/1"), default)).Recorded);
        string app = await _db.CreateAppLoginAsync();

        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => _db.ExecuteAsync("UPDATE outcome_feedback SET confirmed = false", app));
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => _db.ExecuteAsync("DELETE FROM outcome_feedback", app));
        Assert.Equal(1, await _db.ScalarAsync("SELECT count(*) FROM outcome_feedback WHERE confirmed"));
    }

    private static AuditRecord Record(string id) => new()
    {
        DedupeKey = "feedback|condition|ehr|id:" + id,
        Channel = AuditChannel.Fhir,
        ReceivedAt = AuditSamples.Received,
        SourceSystem = "ehr",
        MessageId = id,
        RawSha256 = new string('e', 64),
    };

    private static OutcomeFeedback Feedback(string id, string riskAssessmentId, string subject) => new()
    {
        Kind = FeedbackKind.Condition,
        Key = "condition|ehr|id:" + id,
        RiskAssessmentId = riskAssessmentId,
        Subject = subject,
        Confirmed = true,
        Finding = "http://snomed.info/sct|401303003",
    };
}

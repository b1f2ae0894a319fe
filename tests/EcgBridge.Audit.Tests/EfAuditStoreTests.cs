using EcgBridge.TestSupport;
using System.Text;
using EcgBridge.Audit.Data;
using EcgBridge.Core;
using EcgBridge.Core.Audit;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace EcgBridge.Audit.Tests;

public sealed class EfAuditStoreTests : IAsyncLifetime
{
    private SqliteAuditDatabase _db = null!;
    private EfAuditStore _store = null!;

    public async Task InitializeAsync()
    {
        _db = await SqliteAuditDatabase.CreateAsync();
        _store = _db.CreateStore();
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Resend_of_an_accepted_message_gets_the_first_answer_and_no_second_inbox_row()
    {
        AcceptResult first = await _store.AcceptAsync(AuditSamples.Message("k1"), AuditSamples.Ack("AA"), default);
        AcceptResult again = await _store.AcceptAsync(AuditSamples.Message("k1"), AuditSamples.Ack("AE"), default);

        Assert.False(first.IsDuplicate);
        Assert.True(again.IsDuplicate);
        Assert.Equal(InboxState.Accepted, again.State);
        Assert.Equal("AA", again.Answer!.Code);
        Assert.Equal(AuditSamples.Ack("AA").Body, again.Answer.Body);
        await using AuditDbContext context = _db.Database.CreateContext();
        Assert.Equal(1, await context.Inbox.CountAsync());
        AuditPage rows = await _store.SearchAuditAsync(new AuditFilter { DedupeKey = "k1" }, 0, 10, default);
        Assert.Equal([AuditOutcome.Accepted, AuditOutcome.Duplicate], rows.Items.Select(x => x.Outcome));
    }

    [Fact]
    public async Task Resend_of_a_rejected_message_gets_the_same_rejection()
    {
        AuditRecord rejected = AuditSamples.Message("bad") with { ErrorCodes = ["HL7-MSH-TRUNCATED MSH-9"] };
        await _store.RecordRejectedAsync(rejected, AuditSamples.Ack("AR"), default);

        AcceptResult resend = await _store.AcceptAsync(AuditSamples.Message("bad"), AuditSamples.Ack("AA"), default);

        Assert.True(resend.IsDuplicate);
        Assert.Equal(InboxState.Rejected, resend.State);
        Assert.Equal("AR", resend.Answer!.Code);
        AuditPage rows = await _store.SearchAuditAsync(new AuditFilter { Outcome = AuditOutcome.Rejected }, 0, 10, default);
        Assert.Equal(["HL7-MSH-TRUNCATED MSH-9"], Assert.Single(rows.Items).ErrorCodes);
    }

    [Fact]
    public async Task Scored_result_writes_audit_row_outbox_rows_and_risk_assessment_together()
    {
        await _store.AcceptAsync(AuditSamples.Message("k1"), AuditSamples.Ack("AA"), default);
        DateTimeOffset occurrence = new(2026, 11, 23, 11, 0, 0, TimeSpan.Zero);

        RecordResult result = await _store.RecordScoredAsync(
            AuditSamples.Scored("k1"), AuditSamples.Deliveries("ra-k1"), AuditSamples.RiskAssessment("ra-k1", "Patient/1", occurrence), default);

        Assert.False(result.AlreadyRecorded);
        Assert.Equal(2, result.AuditSequence);
        IReadOnlyList<OutboxMessage> due = await _store.ClaimDueAsync(10, TimeSpan.FromMinutes(1), default);
        Assert.Equal([OutboxKinds.EhrRiskAssessment, OutboxKinds.BusRiskAssessed], due.Select(x => x.Kind));
        Assert.All(due, x => Assert.Equal(2, x.AuditSequence));
        Assert.Contains("\"id\":\"ra-k1\"", await _store.GetRiskAssessmentJsonAsync("ra-k1", default), StringComparison.Ordinal);
        AuditEntry scored = Assert.Single((await _store.SearchAuditAsync(new AuditFilter { Outcome = AuditOutcome.Scored }, 0, 10, default)).Items);
        Assert.Equal(0.1 + 0.2, scored.Probability);
        Assert.Equal(Core.Scoring.RiskLevel.High, scored.Risk);
        Assert.Equal(AuditChain.Truncate(AuditSamples.Received.AddMilliseconds(40)), scored.FinishedAt);
    }

    [Fact]
    public async Task A_failure_inside_the_result_transaction_leaves_neither_audit_row_nor_outbox_row()
    {
        DateTimeOffset occurrence = new(2026, 11, 23, 11, 0, 0, TimeSpan.Zero);
        await _store.RecordScoredAsync(AuditSamples.Scored("k1"), AuditSamples.Deliveries("ra-1"), AuditSamples.RiskAssessment("ra-1", "Patient/1", occurrence), default);

        // Same RiskAssessment id for another message: the last insert of the transaction fails.
        await Assert.ThrowsAsync<DbUpdateException>(() => _store.RecordScoredAsync(
            AuditSamples.Scored("k2"), AuditSamples.Deliveries("ra-2"), AuditSamples.RiskAssessment("ra-1", "Patient/2", occurrence), default));

        Assert.Equal(0, (await _store.SearchAuditAsync(new AuditFilter { DedupeKey = "k2" }, 0, 10, default)).Total);
        Assert.Equal(2, (await _store.ClaimDueAsync(10, TimeSpan.FromMinutes(1), default)).Count);
        ChainVerification chain = await _store.VerifyChainAsync(default);
        Assert.True(chain.Intact);
        Assert.Equal(1, chain.RowCount);
    }

    [Fact]
    public async Task Recording_the_same_result_twice_writes_nothing_the_second_time()
    {
        await _store.AcceptAsync(AuditSamples.Message("k1"), AuditSamples.Ack("AA"), default);
        DateTimeOffset occurrence = new(2026, 11, 23, 11, 0, 0, TimeSpan.Zero);
        RecordResult first = await _store.RecordScoredAsync(AuditSamples.Scored("k1"), AuditSamples.Deliveries("ra-k1"), AuditSamples.RiskAssessment("ra-k1", "Patient/1", occurrence), default);

        RecordResult second = await _store.RecordScoredAsync(AuditSamples.Scored("k1"), AuditSamples.Deliveries("ra-k1"), AuditSamples.RiskAssessment("ra-k1", "Patient/1", occurrence), default);

        Assert.True(second.AlreadyRecorded);
        Assert.Equal(first.AuditSequence, second.AuditSequence);
        Assert.Equal(2, (await _store.VerifyChainAsync(default)).RowCount);
        Assert.Equal(2, (await _store.ClaimDueAsync(10, TimeSpan.FromMinutes(1), default)).Count);
    }

    [Fact]
    public async Task Failure_after_acceptance_is_recorded_once()
    {
        await _store.AcceptAsync(AuditSamples.Message("k1"), AuditSamples.Ack("AA"), default);
        AuditRecord failed = AuditSamples.Message("k1") with { ErrorCodes = ["INFER-SESSION-FAILED"] };

        RecordResult first = await _store.RecordFailedAsync(failed, default);
        RecordResult second = await _store.RecordFailedAsync(failed, default);
        AcceptResult resend = await _store.AcceptAsync(AuditSamples.Message("k1"), AuditSamples.Ack("AA"), default);

        Assert.False(first.AlreadyRecorded);
        Assert.True(second.AlreadyRecorded);
        Assert.Equal(InboxState.Failed, resend.State);
    }

    [Theory]
    [InlineData("UPDATE audit SET probability = 0.01 WHERE seq = 1")]
    [InlineData("DELETE FROM audit WHERE seq = 1")]
    public async Task Audit_rows_refuse_update_and_delete(string sql)
    {
        await _store.AcceptAsync(AuditSamples.Message("k1"), AuditSamples.Ack("AA"), default);
        using SqliteConnection raw = _db.OpenRaw();
        using SqliteCommand command = raw.CreateCommand();
        command.CommandText = sql;

        SqliteException refused = Assert.Throws<SqliteException>(() => command.ExecuteNonQuery());

        Assert.Equal(19, refused.SqliteErrorCode); // SQLITE_CONSTRAINT, raised by RAISE(ABORT) in the trigger
        Assert.True((await _store.VerifyChainAsync(default)).Intact);
    }

    [Fact]
    public async Task Chain_verifies_then_names_the_row_changed_behind_the_triggers()
    {
        for (int i = 0; i < 5; i++)
        {
            await _store.AcceptAsync(AuditSamples.Message("k" + i), AuditSamples.Ack("AA"), default);
        }

        Assert.Equal(new ChainVerification(true, 5, null, null), await _store.VerifyChainAsync(default));
        Execute("DROP TRIGGER audit_no_update; UPDATE audit SET source_system = 'FORGED' WHERE seq = 3;");

        ChainVerification broken = await _store.VerifyChainAsync(default);

        Assert.False(broken.Intact);
        Assert.Equal(3, broken.FirstBrokenSequence);
        Assert.Equal(AuditCodes.ChainHashMismatch, broken.Code);
    }

    [Fact]
    public async Task Chain_names_the_row_after_a_deleted_row()
    {
        for (int i = 0; i < 5; i++)
        {
            await _store.AcceptAsync(AuditSamples.Message("k" + i), AuditSamples.Ack("AA"), default);
        }

        Execute("DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = 2;");

        ChainVerification broken = await _store.VerifyChainAsync(default);

        Assert.Equal(3, broken.FirstBrokenSequence);
        Assert.Equal(AuditCodes.ChainSequenceGap, broken.Code);
    }

    [Fact]
    public async Task Chain_names_a_row_whose_hash_was_recomputed_by_its_link()
    {
        for (int i = 0; i < 4; i++)
        {
            await _store.AcceptAsync(AuditSamples.Message("k" + i), AuditSamples.Ack("AA"), default);
        }

        // A careful forger rewrites row 2 and recomputes its hash; row 3 still points at the old hash.
        Execute("DROP TRIGGER audit_no_update; UPDATE audit SET outcome = 'scored' WHERE seq = 2;");
        await using (AuditDbContext context = _db.Database.CreateContext())
        {
            AuditRow row = await context.Audit.AsNoTracking().SingleAsync(x => x.Seq == 2);
            Execute($"UPDATE audit SET hash = '{AuditChain.ComputeHash(row)}' WHERE seq = 2;");
        }

        ChainVerification broken = await _store.VerifyChainAsync(default);

        Assert.Equal(3, broken.FirstBrokenSequence);
        Assert.Equal(AuditCodes.ChainLinkBroken, broken.Code);
    }

    [Fact]
    public async Task Parallel_writers_keep_one_linear_chain()
    {
        await Task.WhenAll(Enumerable.Range(0, 8).Select(writer => Task.Run(async () =>
        {
            for (int i = 0; i < 50; i++)
            {
                await _store.AcceptAsync(AuditSamples.Message($"w{writer}-{i}"), AuditSamples.Ack("AA"), default);
            }
        })));

        ChainVerification chain = await _store.VerifyChainAsync(default);
        Assert.True(chain.Intact);
        Assert.Equal(400, chain.RowCount);
    }

    [Fact]
    public async Task Two_stores_on_one_file_keep_one_linear_chain()
    {
        EfAuditStore other = _db.CreateStore();

        await Task.WhenAll(
            Task.Run(async () =>
            {
                for (int i = 0; i < 100; i++)
                {
                    await _store.AcceptAsync(AuditSamples.Message($"a{i}"), AuditSamples.Ack("AA"), default);
                }
            }),
            Task.Run(async () =>
            {
                for (int i = 0; i < 100; i++)
                {
                    await other.RecordScoredAsync(AuditSamples.Scored($"b{i}"), AuditSamples.Deliveries($"ra-b{i}"), null, default);
                }
            }));

        ChainVerification chain = await other.VerifyChainAsync(default);
        Assert.True(chain.Intact);
        Assert.Equal(200, chain.RowCount);
    }

    [Fact]
    public async Task Patient_id_is_stored_only_as_its_keyed_hash_and_found_by_it()
    {
        const string marker = "PHI-CANARY-4711";
        await _store.AcceptAsync(AuditSamples.Message("k1", patientId: marker), AuditSamples.Ack("AA"), default);
        await _store.AcceptAsync(AuditSamples.Message("k2", patientId: "someone-else"), AuditSamples.Ack("AA"), default);

        AuditPage found = await _store.SearchAuditAsync(new AuditFilter { PatientId = marker }, 0, 10, default);

        AuditEntry entry = Assert.Single(found.Items);
        Assert.Equal("k1", entry.DedupeKey);
        Assert.Equal(64, entry.PatientIdHash!.Length);
        SqliteConnection.ClearAllPools();
        byte[] needle = Encoding.UTF8.GetBytes(marker);
        foreach (string file in Directory.EnumerateFiles(_db.Directory))
        {
            Assert.Equal(-1, File.ReadAllBytes(file).AsSpan().IndexOf(needle));
        }
    }

    [Fact]
    public async Task Risk_assessments_are_searched_by_subject_and_date_with_a_total()
    {
        var day = new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);
        for (int i = 0; i < 5; i++)
        {
            string subject = i < 4 ? "Patient/1" : "Patient/2";
            await _store.RecordScoredAsync(AuditSamples.Scored($"k{i}"), [], AuditSamples.RiskAssessment($"ra{i}", subject, day.AddDays(i)), default);
        }

        RiskAssessmentPage page = await _store.SearchRiskAssessmentsAsync(new RiskAssessmentSearch("Patient/1", null, day.AddDays(1), day.AddDays(4), 1), default);
        RiskAssessmentPage countOnly = await _store.SearchRiskAssessmentsAsync(new RiskAssessmentSearch(null, null, null, null, 0), default);

        Assert.Equal(3, page.Total);
        Assert.Equal("ra3", Assert.Single(page.Items).Id);
        Assert.Equal(5, countOnly.Total);
        Assert.Empty(countOnly.Items);
        Assert.Null(await _store.GetRiskAssessmentJsonAsync("unknown", default));
    }

    [Fact]
    public async Task Scored_result_keeps_its_tensor_which_hashes_to_the_audit_row()
    {
        EcgTensor tensor = TestEcgs.Ludb();
        AuditRecord scored = AuditSamples.Scored("k1") with { TensorSha256 = tensor.Sha256Hex() };

        RecordResult result = await _store.RecordScoredAsync(scored, [], null, tensor, default);
        StoredEcg? stored = await _store.GetStoredEcgAsync(result.AuditSequence, default);
        AuditEntry? entry = await _store.GetAuditEntryAsync(result.AuditSequence, default);

        Assert.NotNull(stored);
        Assert.True(stored.MatchesAudit);
        Assert.Equal(tensor.Data, stored.Tensor.Data);
        Assert.Equal(entry!.TensorSha256, stored.TensorSha256);
        Assert.Null(await _store.GetStoredEcgAsync(result.AuditSequence + 1, default));
        Assert.Null(await _store.GetAuditEntryAsync(result.AuditSequence + 1, default));
    }

    [Fact]
    public async Task Score_rows_page_by_sequence_and_match_the_full_search()
    {
        for (int i = 0; i < 7; i++)
        {
            await _store.RecordScoredAsync(AuditSamples.Scored("s" + i) with { Probability = i / 10.0 }, [], null, default);
            await _store.AcceptAsync(AuditSamples.Message("a" + i), AuditSamples.Ack("AA"), default);
        }

        var filter = new AuditFilter { Outcome = AuditOutcome.Scored };
        IReadOnlyList<AuditEntry> first = await _store.ReadScoresAsync(filter, 0, 4, default);
        IReadOnlyList<AuditEntry> rest = await _store.ReadScoresAsync(filter, first[^1].Sequence, 4, default);
        IReadOnlyList<AuditEntry> full = (await _store.SearchAuditAsync(filter, 0, 100, default)).Items;

        Assert.Equal((4, 3), (first.Count, rest.Count));
        Assert.Equal(
            full.Select(e => (e.Sequence, e.DedupeKey, e.ModelName, e.ModelVersion, e.Probability, e.Risk, e.SourceSystem)),
            first.Concat(rest).Select(e => (e.Sequence, e.DedupeKey, e.ModelName, e.ModelVersion, e.Probability, e.Risk, e.SourceSystem)));
        Assert.All(first, e => Assert.Equal(AuditOutcome.Scored, e.Outcome));
    }

    [Fact]
    public async Task Scored_result_with_a_tensor_records_its_input_statistics_for_drift_monitoring()
    {
        DateTimeOffset now = _db.Time.GetUtcNow();
        RecordResult withTensor = await _store.RecordScoredAsync(AuditSamples.Scored("k1"), [], null, TestEcgs.Ludb(), default);
        RecordResult withoutTensor = await _store.RecordScoredAsync(AuditSamples.Scored("k2"), [], null, default);

        IReadOnlyDictionary<long, Core.Normalization.EcgFeatures> features = await _store.ReadFeaturesAsync(now.AddMinutes(-1), now.AddMinutes(1), default);
        IReadOnlyDictionary<long, Core.Normalization.EcgFeatures> later = await _store.ReadFeaturesAsync(now.AddMinutes(1), now.AddMinutes(2), default);

        // LUDB record 1 (PROVENANCE.md) is slow: 8 beats, RR 1.28–1.36 s, 45.7 bpm by an independent peak finder (scipy
        // find_peaks on leads II, V1 and V5 of this tensor).
        Core.Normalization.EcgFeatures ludb = features[withTensor.AuditSequence];
        Assert.InRange(ludb.HeartRateBpm!.Value, 43, 48);
        Assert.InRange(ludb.AmplitudeMillivolts, 0.3, 5);
        Assert.False(features.ContainsKey(withoutTensor.AuditSequence));
        Assert.Empty(later);
    }

    [Fact]
    public async Task Stored_tensor_that_does_not_hash_to_its_audit_row_is_reported_as_not_matching()
    {
        // The sample record's tensor hash is a placeholder, not the hash of this tensor.
        RecordResult result = await _store.RecordScoredAsync(AuditSamples.Scored("k1"), [], null, TestEcgs.Ludb(), default);

        StoredEcg? stored = await _store.GetStoredEcgAsync(result.AuditSequence, default);

        Assert.False(stored!.MatchesAudit);
    }

    [Fact]
    public async Task Pruning_deletes_tensors_older_than_the_bound_and_keeps_every_audit_row()
    {
        RecordResult old = await _store.RecordScoredAsync(AuditSamples.Scored("old"), [], null, TestEcgs.Ludb(), default);
        _db.Time.Advance(TimeSpan.FromDays(10));
        RecordResult recent = await _store.RecordScoredAsync(AuditSamples.Scored("recent"), [], null, TestEcgs.Ludb(), default);

        int pruned = await _store.PruneStoredEcgsAsync(_db.Time.GetUtcNow().AddDays(-5), default);

        Assert.Equal(1, pruned);
        Assert.Null(await _store.GetStoredEcgAsync(old.AuditSequence, default));
        Assert.NotNull(await _store.GetStoredEcgAsync(recent.AuditSequence, default));
        Assert.NotNull(await _store.GetAuditEntryAsync(old.AuditSequence, default));
        Assert.True((await _store.VerifyChainAsync(default)).Intact);
    }

    private void Execute(string sql)
    {
        using SqliteConnection raw = _db.OpenRaw();
        using SqliteCommand command = raw.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [Fact]
    public async Task Outbox_backlog_counts_undelivered_rows_and_dates_the_oldest_until_they_are_delivered()
    {
        Assert.Equal(new OutboxBacklog(0, null), await _store.GetOutboxBacklogAsync(default));
        DateTimeOffset occurrence = new(2026, 11, 23, 11, 0, 0, TimeSpan.Zero);
        await _store.RecordScoredAsync(AuditSamples.Scored("k1"), AuditSamples.Deliveries("ra-1"), AuditSamples.RiskAssessment("ra-1", "Patient/1", occurrence), default);

        OutboxBacklog pending = await _store.GetOutboxBacklogAsync(default);
        IReadOnlyList<OutboxMessage> claimed = await _store.ClaimDueAsync(10, TimeSpan.FromMinutes(1), default);
        OutboxBacklog whileClaimed = await _store.GetOutboxBacklogAsync(default);
        foreach (OutboxMessage row in claimed)
        {
            await _store.MarkDeliveredAsync(row.Id, default);
        }

        Assert.Equal(2, pending.Pending);
        Assert.NotNull(pending.OldestCreatedAt);
        Assert.Equal(pending, whileClaimed);
        Assert.Equal(new OutboxBacklog(0, null), await _store.GetOutboxBacklogAsync(default));
    }
}

using System.Collections.Concurrent;
using EcgBridge.Audit;
using EcgBridge.Core.Audit;
using EcgBridge.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace EcgBridge.IntegrationTests.Audit;

/// <summary>The audit store on real PostgreSQL: inbox, transactions, hash chain under concurrency.</summary>
public sealed class EfAuditStoreTests : IAsyncLifetime
{
    private PostgresAuditDatabase _db = null!;
    private EfAuditStore _store = null!;

    public async Task InitializeAsync()
    {
        _db = await PostgresAuditDatabase.CreateAsync();
        _store = _db.CreateStore();
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Resend_gets_the_first_answer_and_no_second_inbox_row()
    {
        AcceptResult first = await _store.AcceptAsync(AuditSamples.Message("k1"), AuditSamples.Ack("AA"), default);
        AcceptResult again = await _store.AcceptAsync(AuditSamples.Message("k1"), AuditSamples.Ack("AE"), default);

        Assert.False(first.IsDuplicate);
        Assert.True(again.IsDuplicate);
        Assert.Equal("AA", again.Answer!.Code);
        Assert.Equal(AuditSamples.Ack("AA").Body, again.Answer.Body);
        Assert.Equal(1, await _db.ScalarAsync("SELECT count(*) FROM inbox"));
        Assert.Equal(1, await _db.ScalarAsync("SELECT count(*) FROM audit WHERE outcome = 'accepted'"));
    }

    [Fact]
    public async Task Concurrent_resends_of_one_message_are_accepted_once()
    {
        AcceptResult[] results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ =>
            Task.Run(() => _store.AcceptAsync(AuditSamples.Message("same"), AuditSamples.Ack("AA"), default))));

        Assert.Single(results, x => !x.IsDuplicate);
        Assert.Equal(1, await _db.ScalarAsync("SELECT count(*) FROM inbox"));
    }

    [Fact]
    public async Task A_failure_inside_the_result_transaction_leaves_neither_audit_row_nor_outbox_row()
    {
        DateTimeOffset occurrence = new(2026, 11, 23, 11, 0, 0, TimeSpan.Zero);
        await _store.RecordScoredAsync(AuditSamples.Scored("k1"), AuditSamples.Deliveries("ra-1"), AuditSamples.RiskAssessment("ra-1", "Patient/1", occurrence), default);

        await Assert.ThrowsAsync<DbUpdateException>(() => _store.RecordScoredAsync(
            AuditSamples.Scored("k2"), AuditSamples.Deliveries("ra-2"), AuditSamples.RiskAssessment("ra-1", "Patient/2", occurrence), default));

        Assert.Equal(0, await _db.ScalarAsync("SELECT count(*) FROM audit WHERE dedupe_key = 'k2'"));
        Assert.Equal(0, await _db.ScalarAsync("SELECT count(*) FROM outbox WHERE dedupe_key = 'k2'"));
        Assert.Equal(0, await _db.ScalarAsync("SELECT count(*) FROM inbox WHERE dedupe_key = 'k2'"));
        Assert.Equal(new ChainVerification(true, 1, null, null), await _store.VerifyChainAsync(default));
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
        Assert.Equal(2, await _db.ScalarAsync("SELECT count(*) FROM outbox"));
        Assert.Equal(1, await _db.ScalarAsync("SELECT count(*) FROM risk_assessment"));
    }

    [Fact]
    public async Task Chain_verifies_then_names_the_row_a_superuser_changed_with_triggers_off()
    {
        for (int i = 0; i < 5; i++)
        {
            await _store.RecordScoredAsync(AuditSamples.Scored("k" + i), [], null, default);
        }

        Assert.Equal(new ChainVerification(true, 5, null, null), await _store.VerifyChainAsync(default));
        await _db.ExecuteAsync("SET session_replication_role = replica; UPDATE audit SET probability = 0.01 WHERE seq = 3;");

        ChainVerification broken = await _store.VerifyChainAsync(default);

        Assert.False(broken.Intact);
        Assert.Equal(3, broken.FirstBrokenSequence);
        Assert.Equal(AuditCodes.ChainHashMismatch, broken.Code);
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

        Assert.Equal(new ChainVerification(true, 400, null, null), await _store.VerifyChainAsync(default));
        Assert.Equal(400, await _db.ScalarAsync("SELECT max(seq) FROM audit"));
    }

    [Fact]
    public async Task Two_processes_writing_at_once_keep_one_linear_chain()
    {
        EfAuditStore[] processes = [_db.CreateStore("process-a"), _db.CreateStore("process-b")];

        await Task.WhenAll(processes.SelectMany((store, p) => Enumerable.Range(0, 4).Select(writer => Task.Run(async () =>
        {
            for (int i = 0; i < 25; i++)
            {
                string key = $"p{p}-w{writer}-{i}";
                await store.AcceptAsync(AuditSamples.Message(key), AuditSamples.Ack("AA"), default);
                await store.RecordScoredAsync(AuditSamples.Scored(key), AuditSamples.Deliveries("ra-" + key), null, default);
            }
        }))));

        Assert.Equal(new ChainVerification(true, 400, null, null), await processes[1].VerifyChainAsync(default));
    }

    [Fact]
    public async Task Dispatchers_in_two_processes_never_claim_the_same_row()
    {
        for (int i = 0; i < 50; i++)
        {
            await _store.RecordScoredAsync(AuditSamples.Scored("k" + i), AuditSamples.Deliveries("ra-k" + i), null, default);
        }

        var claimed = new ConcurrentBag<long>();
        await Task.WhenAll(new[] { _db.CreateStore("dispatcher-a"), _db.CreateStore("dispatcher-b") }.Select(store => Task.Run(async () =>
        {
            while (await store.ClaimDueAsync(7, TimeSpan.FromMinutes(5), default) is { Count: > 0 } batch)
            {
                foreach (OutboxMessage message in batch)
                {
                    claimed.Add(message.Id);
                }
            }
        })));

        Assert.Equal(100, claimed.Count);
        Assert.Equal(100, claimed.Distinct().Count());
    }

    [Fact]
    public async Task Outbox_row_is_leased_retried_and_given_up()
    {
        await _store.RecordScoredAsync(AuditSamples.Scored("k1"), [new OutboxItem(OutboxKinds.EhrRiskAssessment, "{}")], null, default);

        OutboxMessage first = Assert.Single(await _store.ClaimDueAsync(10, TimeSpan.FromSeconds(30), default));
        Assert.Empty(await _store.ClaimDueAsync(10, TimeSpan.FromSeconds(30), default));
        _db.Time.Advance(TimeSpan.FromSeconds(31));
        OutboxMessage leaseExpired = Assert.Single(await _store.ClaimDueAsync(10, TimeSpan.FromSeconds(30), default));
        await _store.MarkFailedAsync(leaseExpired.Id, "DELIVERY-EHR-UNAVAILABLE", 503, _db.Time.GetUtcNow().AddMinutes(1), default);
        Assert.Empty(await _store.ClaimDueAsync(10, TimeSpan.FromSeconds(30), default));
        _db.Time.Advance(TimeSpan.FromMinutes(1));
        OutboxMessage retried = Assert.Single(await _store.ClaimDueAsync(10, TimeSpan.FromSeconds(30), default));
        await _store.MarkFailedAsync(retried.Id, "DELIVERY-EHR-REFUSED", 422, null, default);
        _db.Time.Advance(TimeSpan.FromHours(1));

        Assert.Equal([1, 2, 3], new[] { first.Attempts, leaseExpired.Attempts, retried.Attempts });
        Assert.Empty(await _store.ClaimDueAsync(10, TimeSpan.FromSeconds(30), default));
        Assert.Equal(1, await _db.ScalarAsync("SELECT count(*) FROM outbox WHERE status = 'failed' AND last_http_status = 422 AND last_error_code = 'DELIVERY-EHR-REFUSED'"));
    }

    [Fact]
    public async Task Delivered_row_is_not_claimed_again()
    {
        await _store.RecordScoredAsync(AuditSamples.Scored("k1"), [new OutboxItem(OutboxKinds.BusRiskAssessed, "{}")], null, default);
        OutboxMessage claimed = Assert.Single(await _store.ClaimDueAsync(10, TimeSpan.FromSeconds(30), default));

        await _store.MarkDeliveredAsync(claimed.Id, default);
        _db.Time.Advance(TimeSpan.FromHours(1));

        Assert.Empty(await _store.ClaimDueAsync(10, TimeSpan.FromSeconds(30), default));
    }

    [Fact]
    public async Task Risk_assessments_and_audit_rows_are_found_by_their_search_keys()
    {
        var day = new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);
        for (int i = 0; i < 5; i++)
        {
            AuditRecord record = AuditSamples.Scored($"k{i}") with { PatientId = i < 4 ? "PAT-1" : "PAT-2" };
            await _store.RecordScoredAsync(record, [], AuditSamples.RiskAssessment($"ra{i}", i < 4 ? "Patient/1" : "Patient/2", day.AddDays(i)), default);
        }

        RiskAssessmentPage page = await _store.SearchRiskAssessmentsAsync(new RiskAssessmentSearch("Patient/1", null, day.AddDays(1), day.AddDays(4), 2), default);
        AuditPage audit = await _store.SearchAuditAsync(new AuditFilter { PatientId = "PAT-2" }, 0, 10, default);

        Assert.Equal(3, page.Total);
        Assert.Equal(["ra3", "ra2"], page.Items.Select(x => x.Id));
        Assert.Equal("k4", Assert.Single(audit.Items).DedupeKey);
        Assert.Equal(0, await _db.ScalarAsync("SELECT count(*) FROM audit WHERE patient_id_hash LIKE '%PAT%'"));
    }
}

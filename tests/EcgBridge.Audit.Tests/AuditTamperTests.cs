using System.Security.Cryptography;
using EcgBridge.Audit.Data;
using EcgBridge.Core.Audit;
using EcgBridge.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace EcgBridge.Audit.Tests;

/// <summary>One test per attack on the embedded store: each must be found, with its own code and the first row affected.</summary>
public sealed class AuditTamperTests : IAsyncLifetime
{
    private const int Rows = 23;
    private TrustedAuditStore _trusted = null!;
    private EfAuditStore _store = null!;

    public async Task InitializeAsync()
    {
        _trusted = await TrustedAuditStore.CreateAsync();
        _store = _trusted.Store(everyRows: 5);

        // Checkpoints at 5, 10, 15, 20 rows, then the shutdown checkpoint at 23.
        await TrustedAuditStore.AcceptAsync(_store, Rows);
        await _store.WriteCheckpointsAsync(default);
    }

    public async Task DisposeAsync() => await _trusted.DisposeAsync();

    [Fact]
    public async Task Untouched_store_is_intact_and_fully_covered()
    {
        AuditVerification result = await _trusted.Verifier().VerifyAsync(null, default);

        Assert.True(result.Intact);
        Assert.Empty(result.Findings);
        AuditChainSummary chain = Assert.Single(result.Chains);
        Assert.Equal((Rows, 5L, (long)Rows), (chain.Rows, chain.Checkpoints, chain.CoveredRows));
        Assert.Equal(5, _trusted.Witness.Read(0).Count);
    }

    [Fact]
    public async Task Edited_middle_row_is_a_hash_mismatch_at_that_row()
    {
        _trusted.Execute("DROP TRIGGER audit_no_update; UPDATE audit SET source_system = 'FORGED' WHERE chain_seq = 7;");

        AuditVerification result = await _trusted.Verifier().VerifyAsync(null, default);

        Assert.False(result.Intact);
        AuditFinding finding = Assert.Single(result.Findings, x => x.Code == AuditCodes.ChainHashMismatch);
        Assert.Equal(7, finding.ChainSequence);
    }

    [Fact]
    public async Task Middle_row_edited_and_every_later_row_rehashed_is_found_by_the_checkpoint()
    {
        await _trusted.EditAndRehashAsync(7, row => row.Outcome = "rejected");

        AuditVerification result = await _trusted.Verifier().VerifyAsync(null, default);

        Assert.False(result.Intact);
        Assert.DoesNotContain(result.Findings, x => x.Code is AuditCodes.ChainHashMismatch or AuditCodes.ChainLinkBroken);
        AuditFinding first = result.Findings.First(x => x.Code == AuditCodes.ChainRehashed);
        Assert.Equal(6, first.ChainSequence); // after checkpoint 1 (5 rows), the last one that still matched
        Assert.Equal(2, first.CheckpointNumber);
    }

    [Fact]
    public async Task Forged_row_with_a_correct_hash_inside_the_covered_rows_is_found_as_rehashed()
    {
        // Insert a forged row at position 12 by shifting every later row up one and re-hashing them all.
        _trusted.Execute("DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_replace; UPDATE audit SET chain_seq = chain_seq + 1000 WHERE chain_seq >= 12; UPDATE audit SET chain_seq = chain_seq - 999 WHERE chain_seq >= 1000;");
        await using (AuditDbContext context = _trusted.Db.Database.CreateContext())
        {
            AuditRow template = await context.Audit.AsNoTracking().SingleAsync(x => x.ChainSeq == 11);
            template.Seq = 1000;
            template.ChainSeq = 12;
            template.DedupeKey = "forged";
            context.Audit.Add(template);
            await context.SaveChangesAsync();
        }

        await _trusted.EditAndRehashAsync(12, _ => { });

        AuditVerification result = await _trusted.Verifier().VerifyAsync(null, default);

        Assert.False(result.Intact);
        Assert.Contains(result.Findings, x => x.Code == AuditCodes.ChainRehashed && x.ChainSequence == 11);
    }

    [Fact]
    public async Task Forged_row_appended_after_the_last_checkpoint_is_reported_as_uncovered_until_the_next_checkpoint()
    {
        await using (AuditDbContext context = _trusted.Db.Database.CreateContext())
        {
            AuditRow head = await context.Audit.AsNoTracking().SingleAsync(x => x.ChainSeq == Rows);
            head.Seq = 500;
            head.ChainSeq = Rows + 1;
            head.DedupeKey = "forged";
            head.PrevHash = head.Hash;
            head.Hash = AuditChain.ComputeHash(head);
            context.Audit.Add(head);
            await context.SaveChangesAsync();
        }

        AuditVerification result = await _trusted.Verifier().VerifyAsync(null, default);

        // A well-formed row after the newest signature is indistinguishable from a real one: it is not a break, but it
        // is named as not covered by any signature.
        Assert.True(result.Intact);
        AuditFinding uncovered = Assert.Single(result.Findings);
        Assert.Equal((AuditCodes.RowsUncovered, AuditFindingSeverity.Info, (long?)(Rows + 1), 1L), (uncovered.Code, uncovered.Severity, uncovered.ChainSequence, uncovered.Count));
    }

    [Fact]
    public async Task Newest_row_deleted_is_a_truncation()
    {
        _trusted.Execute($"DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE chain_seq = {Rows};");

        AuditVerification result = await _trusted.Verifier().VerifyAsync(null, default);

        AuditFinding finding = Assert.Single(result.Findings);
        Assert.Equal((AuditCodes.ChainTruncated, (long?)Rows, 1L), (finding.Code, finding.ChainSequence, finding.Count));
    }

    [Fact]
    public async Task Newest_ten_rows_deleted_is_a_truncation_naming_the_first_missing_row()
    {
        _trusted.Execute($"DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE chain_seq > {Rows - 10};");

        AuditVerification result = await _trusted.Verifier().VerifyAsync(null, default);

        AuditFinding finding = Assert.Single(result.Findings);
        Assert.Equal((AuditCodes.ChainTruncated, (long?)(Rows - 9), 10L), (finding.Code, finding.ChainSequence, finding.Count));
    }

    [Fact]
    public async Task Deleted_middle_row_is_a_gap_and_a_broken_link_at_the_next_row()
    {
        _trusted.Execute("DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE chain_seq = 9;");

        AuditVerification result = await _trusted.Verifier().VerifyAsync(null, default);

        Assert.Contains(result.Findings, x => x.Code == AuditCodes.ChainSequenceGap && x.ChainSequence == 9);
        Assert.Contains(result.Findings, x => x.Code == AuditCodes.ChainLinkBroken && x.ChainSequence == 10);
    }

    [Fact]
    public void Insert_or_replace_of_the_last_row_is_refused()
    {
        SqliteException refused = Assert.Throws<SqliteException>(() => _trusted.Execute(
            $"INSERT OR REPLACE INTO audit SELECT * FROM audit WHERE chain_seq = {Rows};"));

        Assert.Equal(19, refused.SqliteErrorCode); // SQLITE_CONSTRAINT from RAISE(ABORT) in audit_no_replace
        Assert.Contains("REPLACE refused", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Insert_or_replace_with_the_trigger_dropped_is_found_by_the_integrity_check_and_the_verifier()
    {
        _trusted.Execute($"DROP TRIGGER audit_no_replace; CREATE TEMP TABLE forged AS SELECT * FROM audit WHERE chain_seq = {Rows}; UPDATE forged SET source_system = 'FORGED'; INSERT OR REPLACE INTO audit SELECT * FROM forged;");

        IReadOnlyList<AuditFinding> integrity = await new AuditIntegrity(_trusted.Db.Database).CheckAsync(repair: false, default);
        AuditVerification result = await _trusted.Verifier().VerifyAsync(null, default);

        Assert.Contains(integrity, x => x.Code == AuditCodes.TriggerMissing && x.Location == "trigger audit_no_replace");
        Assert.Contains(result.Findings, x => x.Code == AuditCodes.ChainHashMismatch && x.ChainSequence == Rows);
    }

    [Fact]
    public async Task Dropped_triggers_are_reported_and_recreated_only_on_request()
    {
        _trusted.Execute("DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete; DROP TRIGGER audit_checkpoint_no_delete;");
        var integrity = new AuditIntegrity(_trusted.Db.Database);

        IReadOnlyList<AuditFinding> found = await integrity.CheckAsync(repair: false, default);
        IReadOnlyList<AuditFinding> again = await integrity.CheckAsync(repair: false, default);
        IReadOnlyList<AuditFinding> repaired = await integrity.CheckAsync(repair: true, default);
        IReadOnlyList<AuditFinding> after = await integrity.CheckAsync(repair: false, default);

        Assert.Equal(
            ["trigger audit_no_update", "trigger audit_no_delete", "trigger audit_checkpoint_no_delete"],
            found.Where(x => x.Code == AuditCodes.TriggerMissing).Select(x => x.Location));
        Assert.Equal(3, again.Count);
        Assert.Equal(3, repaired.Count(x => x.Code == AuditCodes.TriggerRepaired));
        Assert.Empty(after);
        Assert.Throws<SqliteException>(() => _trusted.Execute("DELETE FROM audit WHERE chain_seq = 1;"));
    }

    [Fact]
    public async Task Integrity_check_of_an_untouched_store_finds_nothing()
    {
        Assert.Empty(await new AuditIntegrity(_trusted.Db.Database).CheckAsync(repair: false, default));
    }

    [Fact]
    public async Task Integrity_check_finds_a_head_behind_its_newest_checkpoint()
    {
        _trusted.Execute($"DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE chain_seq > {Rows - 2};");

        IReadOnlyList<AuditFinding> found = await new AuditIntegrity(_trusted.Db.Database).CheckAsync(repair: false, default);

        Assert.Contains(found, x => x.Code == AuditCodes.ChainTruncated && x.ChainSequence == Rows - 1);
    }

    [Fact]
    public async Task Edited_witness_line_is_a_witness_mismatch()
    {
        string file = _trusted.Witness.FileOf(0);
        string[] lines = await File.ReadAllLinesAsync(file);
        lines[2] = lines[2].Replace("\"row_count\":15", "\"row_count\":14", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(file, lines);

        AuditVerification result = await _trusted.Verifier().VerifyAsync(null, default);

        Assert.Contains(result.Findings, x => x.Code == AuditCodes.WitnessMismatch && x.CheckpointNumber == 3);
        Assert.Contains(result.Findings, x => x.Code == AuditCodes.CheckpointSignatureInvalid && x.CheckpointNumber == 3);
    }

    [Fact]
    public async Task Deleted_witness_file_is_reported_for_every_checkpoint_it_held()
    {
        File.Delete(_trusted.Witness.FileOf(0));

        AuditVerification result = await _trusted.Verifier().VerifyAsync(null, default);

        Assert.Equal([1L, 2, 3, 4, 5], result.Findings.Where(x => x.Code == AuditCodes.WitnessMissing).Select(x => x.CheckpointNumber!.Value));
    }

    [Fact]
    public async Task Witness_replaced_with_an_older_copy_misses_the_newest_checkpoints()
    {
        string file = _trusted.Witness.FileOf(0);
        string[] lines = await File.ReadAllLinesAsync(file);
        await File.WriteAllLinesAsync(file, lines[..3]);

        AuditVerification result = await _trusted.Verifier().VerifyAsync(null, default);

        Assert.Equal([4L, 5], result.Findings.Where(x => x.Code == AuditCodes.WitnessMissing).Select(x => x.CheckpointNumber!.Value));
    }

    [Fact]
    public async Task Database_checkpoint_deleted_with_the_rows_it_covered_is_found_through_the_witness()
    {
        _trusted.Execute($"DROP TRIGGER audit_checkpoint_no_delete; DELETE FROM audit_checkpoint WHERE number = 5; DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE chain_seq > 20;");

        AuditVerification result = await _trusted.Verifier().VerifyAsync(null, default);

        Assert.Contains(result.Findings, x => x.Code == AuditCodes.CheckpointMissing && x.CheckpointNumber == 5);
        Assert.Contains(result.Findings, x => x.Code == AuditCodes.ChainTruncated && x.ChainSequence == 21);
    }

    [Fact]
    public async Task Checkpoints_verified_without_the_signing_key_are_from_an_unknown_key()
    {
        using var other = new AuditKeyRing();
        using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            other.AddVerificationKey(key.ExportSubjectPublicKeyInfo());
        }

        AuditVerification result = await new AuditVerifier(_trusted.Db.Database, other, _trusted.Witness).VerifyAsync(null, default);

        Assert.False(result.Intact);
        Assert.Equal([1L, 2, 3, 4, 5], result.Findings.Where(x => x.Code == AuditCodes.CheckpointKeyUnknown).Select(x => x.CheckpointNumber!.Value));
    }

    [Fact]
    public async Task Checkpoint_signed_with_another_key_is_from_an_unknown_key()
    {
        // The attacker re-hashes the chain and signs a checkpoint for it with a key of their own.
        await _trusted.EditAndRehashAsync(3, row => row.Outcome = "rejected");
        using var forger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var forgerRing = new AuditKeyRing();
        string forgerId = forgerRing.SetSigningKey(ECDsa.Create(forger.ExportParameters(includePrivateParameters: true)));
        string head;
        await using (AuditDbContext read = _trusted.Db.Database.CreateContext())
        {
            head = (await read.Audit.SingleAsync(x => x.ChainSeq == Rows)).Hash;
        }

        DateTimeOffset at = _trusted.Db.Time.GetUtcNow();
        string signature = forgerRing.Sign(AuditCheckpoint.Payload(0, 6, Rows, head, at, forgerId, AuditCheckpoint.Es256));
        await using (AuditDbContext context = _trusted.Db.Database.CreateContext())
        {
            context.Checkpoints.Add(new AuditCheckpointRow { ChainId = 0, Number = 6, RowCount = Rows, HeadHash = head, CreatedAt = at, KeyId = forgerId, Algorithm = AuditCheckpoint.Es256, Signature = signature });
            await context.SaveChangesAsync();
        }

        AuditVerification result = await _trusted.Verifier().VerifyAsync(null, default);

        Assert.Contains(result.Findings, x => x.Code == AuditCodes.CheckpointKeyUnknown && x.CheckpointNumber == 6);
        Assert.Contains(result.Findings, x => x.Code == AuditCodes.ChainRehashed);
    }

    [Fact]
    public async Task Checkpoint_with_an_altered_signature_is_invalid()
    {
        _trusted.Execute("DROP TRIGGER audit_checkpoint_no_update; UPDATE audit_checkpoint SET head_hash = '" + new string('0', 64) + "' WHERE number = 2;");

        AuditVerification result = await _trusted.Verifier().VerifyAsync(null, default);

        Assert.Contains(result.Findings, x => x.Code == AuditCodes.CheckpointSignatureInvalid && x.CheckpointNumber == 2);
        Assert.Contains(result.Findings, x => x.Code == AuditCodes.WitnessMismatch && x.CheckpointNumber == 2);
    }

    [Fact]
    public async Task Store_without_a_signing_key_writes_no_checkpoints_and_says_so()
    {
        EfAuditStore unsigned = _trusted.Store(new AuditCheckpointSettings());

        Assert.Equal(0, await unsigned.WriteCheckpointsAsync(default));
        Assert.Equal(AuditCodes.SigningKeyMissing, unsigned.CheckpointStatus.Code);
        Assert.True(unsigned.CheckpointStatus.AcceptingWrites);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Signing_key_file_readable_by_others_is_refused()
    {
        File.SetUnixFileMode(_trusted.KeyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        using AuditKeyRing keys = AuditSigningKeys.Load(_trusted.Options(), out string? code);

        Assert.Equal(AuditCodes.SigningKeyInsecure, code);
        Assert.Null(keys.SigningKeyId);
    }

    [Fact]
    public async Task Unwritable_witness_is_reported_and_writes_go_on_when_the_witness_is_not_required()
    {
        string blocked = BlockedWitnessPath();
        EfAuditStore store = _trusted.Store(everyRows: 5, witness: blocked);

        await TrustedAuditStore.AcceptAsync(store, 5, "w");

        Assert.Equal(AuditCodes.WitnessUnwritable, store.CheckpointStatus.Code);
        Assert.True(store.CheckpointStatus.AcceptingWrites);
        AcceptResult next = await store.AcceptAsync(AuditSamples.Message("w-next"), AuditSamples.Ack("AA"), default);
        Assert.False(next.IsDuplicate);
    }

    [Fact]
    public async Task Unwritable_required_witness_stops_writes_until_it_is_writable_again()
    {
        string blocked = BlockedWitnessPath();
        EfAuditStore store = _trusted.Store(everyRows: 5, witness: blocked, requireWitness: true);

        await TrustedAuditStore.AcceptAsync(store, 5, "w");

        Assert.False(store.CheckpointStatus.AcceptingWrites);
        await Assert.ThrowsAsync<AuditWitnessUnavailableException>(() => store.AcceptAsync(AuditSamples.Message("w-refused"), AuditSamples.Ack("AA"), default));
        File.Delete(Path.GetDirectoryName(blocked)!);
        await store.WriteCheckpointsAsync(default);
        Assert.True(store.CheckpointStatus.AcceptingWrites);
        Assert.Null(store.CheckpointStatus.Code);

        // The checkpoint the witness missed was caught up: the new witness holds it.
        Assert.Contains(new AuditWitness(blocked).Read(0), x => x!.RowCount == Rows + 5);
    }

    [Fact]
    public async Task Clock_jumping_backwards_is_a_warning_not_a_break()
    {
        await _store.AcceptAsync(AuditSamples.Message("late") with { ReceivedAt = AuditSamples.Received.AddHours(-1) }, AuditSamples.Ack("AA"), default);
        await _store.WriteCheckpointsAsync(default);

        AuditVerification result = await _trusted.Verifier().VerifyAsync(null, default);

        Assert.True(result.Intact);
        AuditFinding warning = Assert.Single(result.Findings);
        Assert.Equal((AuditCodes.ClockBackwards, AuditFindingSeverity.Warning, (long?)(Rows + 1)), (warning.Code, warning.Severity, warning.ChainSequence));
    }

    [Fact]
    public async Task A_message_scored_after_later_messages_were_accepted_is_not_a_clock_warning()
    {
        // What the service does all day: A and B accepted, then A's Scored row (received_at = A's) appended after B's.
        DateTimeOffset a = AuditSamples.Received.AddMinutes(10);
        await _store.AcceptAsync(AuditSamples.Message("order-a") with { ReceivedAt = a }, AuditSamples.Ack("AA"), default);
        await _store.AcceptAsync(AuditSamples.Message("order-b") with { ReceivedAt = a.AddSeconds(2) }, AuditSamples.Ack("AA"), default);
        await _store.RecordScoredAsync(AuditSamples.Scored("order-a") with { ReceivedAt = a, FinishedAt = a.AddSeconds(3) }, AuditSamples.Deliveries("ra-order-a"), null, default);
        await _store.WriteCheckpointsAsync(default);

        AuditVerification result = await _trusted.Verifier().VerifyAsync(null, default);

        Assert.True(result.Intact);
        Assert.DoesNotContain(result.Findings, f => f.Code == AuditCodes.ClockBackwards);
    }

    [Fact]
    public async Task Incremental_verify_starts_after_the_last_verified_checkpoint()
    {
        AuditVerification full = await _trusted.Verifier().VerifyAsync(null, default);
        await TrustedAuditStore.AcceptAsync(_store, 7, "more");
        await _store.WriteCheckpointsAsync(default);

        AuditVerification incremental = await _trusted.Verifier().VerifyAsync(full.State, default);

        Assert.True(incremental.Intact);
        AuditChainSummary chain = Assert.Single(incremental.Chains);
        Assert.Equal((Rows, Rows + 7L, 7L), (chain.VerifiedFrom, chain.Rows, incremental.RowsChecked));
        Assert.Equal(chain.VerifiedCheckpoint, incremental.State.Chains[0].Number);
    }

    [Fact]
    public async Task Incremental_verify_from_a_state_whose_checkpoint_changed_verifies_in_full_and_warns()
    {
        AuditVerification full = await _trusted.Verifier().VerifyAsync(null, default);
        var stale = new AuditVerifyState { Chains = { [0] = full.State.Chains[0] with { HeadHash = new string('f', 64) } } };

        AuditVerification result = await _trusted.Verifier().VerifyAsync(stale, default);

        Assert.True(result.Intact);
        Assert.Equal(AuditCodes.VerifyStateStale, Assert.Single(result.Findings).Code);
        Assert.Equal(0, Assert.Single(result.Chains).VerifiedFrom);
    }

    [Fact]
    public async Task Stored_RiskAssessment_is_served_only_while_it_hashes_to_its_audit_row()
    {
        DateTimeOffset occurrence = new(2026, 11, 23, 11, 0, 0, TimeSpan.Zero);
        await _store.RecordScoredAsync(AuditSamples.Scored("s1"), AuditSamples.Deliveries("ra-s1"), AuditSamples.RiskAssessment("ra-s1", "Patient/1", occurrence), default);

        CoverageCheck before = await _store.CheckRiskAssessmentAsync("ra-s1", default);
        _trusted.Execute("UPDATE risk_assessment SET json = replace(json, 'ra-s1', 'ra-s2') WHERE id = 'ra-s1';");
        CoverageCheck after = await _store.CheckRiskAssessmentAsync("ra-s1", default);

        Assert.True(before.Matches);
        Assert.Equal(AuditSamples.RiskAssessment("ra-s1", "Patient/1", occurrence).Json, before.Json);
        Assert.Equal((AuditCodes.CoverageMismatch, (string?)null), (after.Code, after.Json));
        Assert.Equal(AuditCodes.CoverageNotFound, (await _store.CheckRiskAssessmentAsync("nope", default)).Code);
    }

    [Fact]
    public async Task Outbox_payload_changed_after_recording_no_longer_matches_its_audit_row()
    {
        RecordResult recorded = await _store.RecordScoredAsync(AuditSamples.Scored("s1"), AuditSamples.Deliveries("ra-s1"), null, default);

        CoverageCheck before = await _store.CheckOutboxAsync(recorded.AuditSequence, default);
        _trusted.Execute("UPDATE outbox SET payload = '{}' WHERE kind = 'bus-riskassessed';");
        CoverageCheck after = await _store.CheckOutboxAsync(recorded.AuditSequence, default);

        Assert.True(before.Matches);
        Assert.Equal(AuditCodes.CoverageMismatch, after.Code);
    }

    // A witness folder under a regular file: cannot be created even by root (permissions alone would not stop root).
    private string BlockedWitnessPath()
    {
        string blocker = Path.Combine(_trusted.Db.Directory, "not-a-folder");
        File.WriteAllText(blocker, "");
        return Path.Combine(blocker, "witness");
    }
}

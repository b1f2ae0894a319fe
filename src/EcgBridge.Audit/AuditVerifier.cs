using EcgBridge.Audit.Data;
using EcgBridge.Core.Audit;
using Microsoft.EntityFrameworkCore;

namespace EcgBridge.Audit;

/// <summary>
/// Recomputes every chain and checks it against its signed checkpoints (database and witness): names every break with
/// its own code and the first row affected. Incremental when given the state of an earlier run: starts after the newest
/// checkpoint that run verified (after checking that checkpoint and its head row again).
/// </summary>
public sealed class AuditVerifier
{
    /// <summary>Findings listed per chain and code; more are counted, not listed (a wiped table must not flood memory).</summary>
    public const int MaxFindingsPerCode = 100;

    private const int BatchSize = 5000;

    private readonly AuditDatabase _database;
    private readonly AuditKeyRing _keys;
    private readonly AuditWitness? _witness;

    /// <param name="database">The audit database (read only).</param>
    /// <param name="keys">Verification keys (public keys are enough).</param>
    /// <param name="witness">The witness to compare with; null: database checkpoints only.</param>
    public AuditVerifier(AuditDatabase database, AuditKeyRing keys, AuditWitness? witness)
    {
        _database = database;
        _keys = keys;
        _witness = witness;
    }

    /// <summary>Verifies every chain; <paramref name="state"/> null: in full.</summary>
    public async Task<AuditVerification> VerifyAsync(AuditVerifyState? state, CancellationToken cancellationToken)
    {
        var findings = new Findings();
        var chains = new List<AuditChainSummary>();
        var next = new AuditVerifyState();
        await using AuditDbContext db = _database.CreateContext();
        foreach (int chainId in await ChainIdsAsync(db, cancellationToken))
        {
            AuditVerifyState.VerifiedCheckpoint? earlier = state is not null && state.Chains.TryGetValue(chainId, out var known) ? known : null;
            chains.Add(await VerifyChainAsync(db, chainId, earlier, findings, next, cancellationToken));
        }

        return new AuditVerification(findings.List, chains, findings.Suppressed, next);
    }

    private async Task<AuditChainSummary> VerifyChainAsync(
        AuditDbContext db,
        int chainId,
        AuditVerifyState.VerifiedCheckpoint? earlier,
        Findings findings,
        AuditVerifyState next,
        CancellationToken cancellationToken)
    {
        List<AuditCheckpointRow> stored = await db.Checkpoints.AsNoTracking()
            .Where(x => x.ChainId == chainId)
            .OrderBy(x => x.Number)
            .ToListAsync(cancellationToken);
        List<AuditCheckpoint> trusted = CheckCheckpoints(chainId, stored, findings);

        // Row count → the valid checkpoints that vouch for the head at that count.
        var byRowCount = new Dictionary<long, List<AuditCheckpoint>>();
        long covered = 0;
        foreach (AuditCheckpoint checkpoint in trusted)
        {
            if (!byRowCount.TryGetValue(checkpoint.RowCount, out List<AuditCheckpoint>? list))
            {
                byRowCount[checkpoint.RowCount] = list = [];
            }

            list.Add(checkpoint);
            covered = Math.Max(covered, checkpoint.RowCount);
        }

        long lastChainSeq = 0;
        string previousHash = AuditChain.Genesis;
        DateTimeOffset? previousReceived = null;
        long verifiedFrom = 0;
        long lastGoodCheckpointRows = 0;
        if (earlier is not null)
        {
            bool stillThere = trusted.Exists(x => x.Number == earlier.Number && x.RowCount == earlier.RowCount
                && string.Equals(x.HeadHash, earlier.HeadHash, StringComparison.Ordinal));
            AuditRow? head = stillThere
                ? await db.Audit.AsNoTracking().SingleOrDefaultAsync(x => x.ChainId == chainId && x.ChainSeq == earlier.RowCount, cancellationToken)
                : null;
            if (head is not null
                && string.Equals(head.Hash, earlier.HeadHash, StringComparison.Ordinal)
                && string.Equals(AuditChain.ComputeHash(head), head.Hash, StringComparison.Ordinal))
            {
                lastChainSeq = verifiedFrom = lastGoodCheckpointRows = earlier.RowCount;
                previousHash = head.Hash;
                previousReceived = AppendedAt(head);
            }
            else
            {
                findings.Add(new AuditFinding(AuditCodes.VerifyStateStale, AuditFindingSeverity.Warning, chainId, null, earlier.RowCount, earlier.Number));
            }
        }

        bool rowsIntact = true;
        long clockBackwards = 0;
        AuditFinding? firstBackwards = null;
        while (true)
        {
            long after = lastChainSeq;
            List<AuditRow> batch = await db.Audit.AsNoTracking()
                .Where(x => x.ChainId == chainId && x.ChainSeq > after)
                .OrderBy(x => x.ChainSeq)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            foreach (AuditRow row in batch)
            {
                if (row.ChainSeq != lastChainSeq + 1)
                {
                    rowsIntact = false;
                    findings.Add(new AuditFinding(AuditCodes.ChainSequenceGap, AuditFindingSeverity.Error, chainId, row.Seq, lastChainSeq + 1, null, row.ChainSeq - lastChainSeq - 1));
                }

                if (!string.Equals(AuditChain.ComputeHash(row), row.Hash, StringComparison.Ordinal))
                {
                    rowsIntact = false;
                    findings.Add(new AuditFinding(AuditCodes.ChainHashMismatch, AuditFindingSeverity.Error, chainId, row.Seq, row.ChainSeq, null));
                }

                if (!string.Equals(row.PrevHash, previousHash, StringComparison.Ordinal))
                {
                    rowsIntact = false;
                    findings.Add(new AuditFinding(AuditCodes.ChainLinkBroken, AuditFindingSeverity.Error, chainId, row.Seq, row.ChainSeq, null));
                }

                if (previousReceived is { } before && AppendedAt(row) < before - ClockTolerance)
                {
                    clockBackwards++;
                    firstBackwards ??= new AuditFinding(AuditCodes.ClockBackwards, AuditFindingSeverity.Warning, chainId, row.Seq, row.ChainSeq, null);
                }

                if (byRowCount.TryGetValue(row.ChainSeq, out List<AuditCheckpoint>? vouching))
                {
                    foreach (AuditCheckpoint checkpoint in vouching)
                    {
                        if (!string.Equals(checkpoint.HeadHash, row.Hash, StringComparison.Ordinal))
                        {
                            // Consistent hashes that disagree with a signature: something at or before this row was
                            // rewritten and the chain re-hashed after it; the first row affected lies after the last
                            // checkpoint that still matched.
                            rowsIntact = false;
                            findings.Add(new AuditFinding(AuditCodes.ChainRehashed, AuditFindingSeverity.Error, chainId, null, lastGoodCheckpointRows + 1, checkpoint.Number));
                        }
                        else if (rowsIntact)
                        {
                            lastGoodCheckpointRows = row.ChainSeq;
                        }
                    }
                }

                lastChainSeq = row.ChainSeq;
                previousHash = row.Hash;
                previousReceived = AppendedAt(row);
            }
        }

        if (firstBackwards is not null)
        {
            findings.Add(firstBackwards with { Count = clockBackwards });
        }

        if (lastChainSeq < covered)
        {
            rowsIntact = false;
            findings.Add(new AuditFinding(AuditCodes.ChainTruncated, AuditFindingSeverity.Error, chainId, null, lastChainSeq + 1, LatestNumber(trusted), covered - lastChainSeq));
        }
        else if (lastChainSeq > covered)
        {
            findings.Add(covered == 0
                ? new AuditFinding(AuditCodes.NoCheckpoint, AuditFindingSeverity.Warning, chainId, null, 1, null, lastChainSeq)
                : new AuditFinding(AuditCodes.RowsUncovered, AuditFindingSeverity.Info, chainId, null, covered + 1, null, lastChainSeq - covered));
        }

        // Only a chain found whole is remembered; a broken one is verified in full next time.
        long verifiedCheckpoint = 0;
        if (rowsIntact && !findings.HasErrors(chainId))
        {
            AuditCheckpoint? newest = null;
            foreach (AuditCheckpoint checkpoint in trusted)
            {
                if (checkpoint.RowCount <= lastChainSeq && (newest is null || checkpoint.Number > newest.Number))
                {
                    newest = checkpoint;
                }
            }

            if (newest is not null)
            {
                next.Chains[chainId] = new AuditVerifyState.VerifiedCheckpoint(newest.Number, newest.RowCount, newest.HeadHash);
                verifiedCheckpoint = newest.Number;
            }
        }

        return new AuditChainSummary(chainId, lastChainSeq, stored.Count, verifiedFrom, covered, verifiedCheckpoint);
    }

    // Signatures and keys of the database checkpoints, and agreement with the witness; returns the valid ones of both.
    private List<AuditCheckpoint> CheckCheckpoints(int chainId, List<AuditCheckpointRow> stored, Findings findings)
    {
        var database = new SortedDictionary<long, AuditCheckpoint>();
        foreach (AuditCheckpointRow row in stored)
        {
            database[row.Number] = EfAuditStore.ToCheckpoint(row);
        }

        var witnessed = new SortedDictionary<long, AuditCheckpoint>();
        if (_witness is not null)
        {
            long line = 0;
            foreach (AuditCheckpoint? entry in _witness.Read(chainId))
            {
                line++;
                if (entry is null || entry.ChainId != chainId)
                {
                    findings.Add(new AuditFinding(AuditCodes.WitnessUnreadable, AuditFindingSeverity.Error, chainId, null, null, line));
                    continue;
                }

                witnessed[entry.Number] = entry;
            }
        }

        var trusted = new List<AuditCheckpoint>();
        long highest = Math.Max(database.Count == 0 ? 0 : database.Keys.Max(), witnessed.Count == 0 ? 0 : witnessed.Keys.Max());
        for (long number = 1; number <= highest; number++)
        {
            bool inDatabase = database.TryGetValue(number, out AuditCheckpoint? fromDatabase);
            bool inWitness = witnessed.TryGetValue(number, out AuditCheckpoint? fromWitness);
            if (!inDatabase)
            {
                findings.Add(new AuditFinding(AuditCodes.CheckpointMissing, AuditFindingSeverity.Error, chainId, null, fromWitness?.RowCount, number));
            }
            else if (_witness is not null && !inWitness)
            {
                findings.Add(new AuditFinding(AuditCodes.WitnessMissing, AuditFindingSeverity.Error, chainId, null, fromDatabase!.RowCount, number));
            }
            else if (inWitness && fromWitness != fromDatabase)
            {
                findings.Add(new AuditFinding(AuditCodes.WitnessMismatch, AuditFindingSeverity.Error, chainId, null, fromDatabase!.RowCount, number));
            }

            if (fromDatabase is not null && Valid(fromDatabase, findings))
            {
                trusted.Add(fromDatabase);
            }

            if (fromWitness is not null && fromWitness != fromDatabase && Valid(fromWitness, findings))
            {
                trusted.Add(fromWitness);
            }
        }

        return trusted;
    }

    private bool Valid(AuditCheckpoint checkpoint, Findings findings)
    {
        if (!_keys.Knows(checkpoint.KeyId))
        {
            findings.Add(new AuditFinding(AuditCodes.CheckpointKeyUnknown, AuditFindingSeverity.Error, checkpoint.ChainId, null, checkpoint.RowCount, checkpoint.Number));
            return false;
        }

        if (!string.Equals(checkpoint.Algorithm, AuditCheckpoint.Es256, StringComparison.Ordinal)
            || !_keys.Verify(checkpoint.KeyId, checkpoint.SigningPayload(), checkpoint.Signature))
        {
            findings.Add(new AuditFinding(AuditCodes.CheckpointSignatureInvalid, AuditFindingSeverity.Error, checkpoint.ChainId, null, checkpoint.RowCount, checkpoint.Number));
            return false;
        }

        return true;
    }

    private static long? LatestNumber(List<AuditCheckpoint> trusted)
    {
        long? latest = null;
        foreach (AuditCheckpoint checkpoint in trusted)
        {
            latest = latest is null ? checkpoint.Number : Math.Max(latest.Value, checkpoint.Number);
        }

        return latest;
    }

    // Chain ids with rows, checkpoints or a witness file: each found by an index seek, not a scan of the audit table.
    private async Task<SortedSet<int>> ChainIdsAsync(AuditDbContext db, CancellationToken cancellationToken)
    {
        var ids = new SortedSet<int>();
        int? current = await db.Audit.AsNoTracking().MinAsync(x => (int?)x.ChainId, cancellationToken);
        while (current is { } id)
        {
            ids.Add(id);
            current = await db.Audit.AsNoTracking().Where(x => x.ChainId > id).MinAsync(x => (int?)x.ChainId, cancellationToken);
        }

        foreach (int id in await db.Checkpoints.AsNoTracking().Select(x => x.ChainId).Distinct().ToListAsync(cancellationToken))
        {
            ids.Add(id);
        }

        if (_witness is not null && Directory.Exists(_witness.Directory))
        {
            foreach (string file in Directory.EnumerateFiles(_witness.Directory, "chain-*.ndjson"))
            {
                string name = Path.GetFileNameWithoutExtension(file);
                if (int.TryParse(name.AsSpan("chain-".Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int id))
                {
                    ids.Add(id);
                }
            }
        }

        return ids;
    }

    // Findings in order, capped per chain and code.
    private sealed class Findings
    {
        private readonly Dictionary<(int, string), int> _perCode = [];
        private readonly HashSet<int> _broken = [];

        public List<AuditFinding> List { get; } = [];

        public long Suppressed { get; private set; }

        public bool HasErrors(int chainId) => _broken.Contains(chainId);

        public void Add(AuditFinding finding)
        {
            if (finding.Severity == AuditFindingSeverity.Error)
            {
                _broken.Add(finding.ChainId);
            }

            (int, string) key = (finding.ChainId, finding.Code);
            int seen = _perCode.GetValueOrDefault(key);
            _perCode[key] = seen + 1;
            if (seen >= MaxFindingsPerCode)
            {
                Suppressed++;
                return;
            }

            List.Add(finding);
        }
    }

    /// <summary>
    /// Rows are appended when a step ends, not when the message came: a Scored row carries its message's (earlier)
    /// received_at after later messages' Accepted rows. The append time is finished_at when set, else received_at; a
    /// step of another message may finish a moment earlier and append a moment later, hence the tolerance.
    /// </summary>
    private static readonly TimeSpan ClockTolerance = TimeSpan.FromSeconds(60);

    private static DateTimeOffset AppendedAt(Data.AuditRow row) => row.FinishedAt ?? row.ReceivedAt;
}

using System.Diagnostics;
using EcgBridge.Audit;
using EcgBridge.Core.Audit;

namespace EcgBridge.Cli.Bench;

/// <summary>
/// Follows the Scored audit rows of a run in the serve's own store (SQLite under its data dir, or PostgreSQL). The row,
/// the stored RiskAssessment and its outbox rows commit in one transaction, so the moment a row is first seen here is
/// the moment the result became visible on <c>GET /fhir/RiskAssessment/{id}</c> (to within one poll). Rows are matched to
/// sent messages by the SHA-256 of the raw message bytes, which the row carries. Each poll is one compiled keyset query
/// over a kept-open connection, so the bench can poll every 20 ms without measuring itself.
/// </summary>
internal sealed class AuditTail : IAsyncDisposable
{
    private const int PageSize = 500;
    private readonly AuditTailReader _reader;
    private readonly Stopwatch _clock;
    private readonly long _overlap;
    private readonly List<ScoredRow> _rows = [];
    private readonly HashSet<long> _known = [];
    private long _highest;
    private int _seen;

    private AuditTail(AuditTailReader reader, long start, Stopwatch clock, bool concurrentWriters)
    {
        _reader = reader;
        _highest = start;
        _clock = clock;
        // PostgreSQL: several transactions append at once, so a lower sequence number can commit after a higher one;
        // each poll reads again from a few numbers back. SQLite serializes writers: commit order is sequence order.
        _overlap = concurrentWriters ? 64 : 0;
    }

    /// <summary>Scored rows seen so far.</summary>
    public int Scored => Volatile.Read(ref _seen);

    /// <summary>Every row seen, in the order seen.</summary>
    public IReadOnlyList<ScoredRow> Rows => _rows;

    /// <summary>
    /// Opens the store of a serve (PostgreSQL when a connection string is given, else SQLite in the data dir) and starts
    /// after its newest row; null when there is no audit table there.
    /// </summary>
    public static async Task<AuditTail?> OpenAsync(string? dataDirectory, string? postgres, Stopwatch clock, CancellationToken cancellationToken)
    {
        AuditOptions options = postgres is not null
            ? new AuditOptions { Provider = AuditProvider.PostgreSql, ConnectionString = postgres }
            : new AuditOptions { DataDirectory = dataDirectory ?? ".ecgbridge" };
        AuditTailReader? reader = await AuditTailReader.OpenAsync(AuditDatabase.Create(options), AuditOutcome.Scored, cancellationToken).ConfigureAwait(false);
        if (reader is null)
        {
            return null;
        }

        long start = await reader.HighestAsync(cancellationToken).ConfigureAwait(false);
        return new AuditTail(reader, start, clock, postgres is not null);
    }

    /// <summary>Reads the rows committed since the last poll; returns how many were new.</summary>
    public async Task<int> PollAsync(CancellationToken cancellationToken)
    {
        int added = 0;
        while (true)
        {
            int before = added;
            List<AuditTailRow> page = await _reader.ReadAfterAsync(_highest - _overlap, PageSize + (int)_overlap, cancellationToken).ConfigureAwait(false);
            TimeSpan seenAt = _clock.Elapsed;
            foreach (AuditTailRow row in page)
            {
                if (!_known.Add(row.Sequence))
                {
                    continue;
                }

                _highest = Math.Max(_highest, row.Sequence);
                added++;
                _rows.Add(new ScoredRow(row.RawSha256 ?? "", row.RiskAssessmentId, seenAt, row.FinishedAt, row.DecodeMilliseconds, row.NormalizeMilliseconds, row.ScoreMilliseconds, row.RecordMilliseconds));
            }

            Volatile.Write(ref _seen, _rows.Count);
            if (page.Count < PageSize + _overlap || added == before)
            {
                return added;
            }
        }
    }

    public ValueTask DisposeAsync() => _reader.DisposeAsync();
}

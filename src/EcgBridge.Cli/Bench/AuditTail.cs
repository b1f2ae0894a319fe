using System.Diagnostics;
using EcgBridge.Audit;
using EcgBridge.Core.Audit;

namespace EcgBridge.Cli.Bench;

/// <summary>
/// Follows the Scored audit rows of a run in the serve's own store (SQLite under its data dir, or PostgreSQL). The row,
/// the stored RiskAssessment and its outbox rows commit in one transaction, so the moment a row is first seen here is
/// the moment the result became visible on <c>GET /fhir/RiskAssessment/{id}</c> (to within one poll). Rows are matched to
/// sent messages by the SHA-256 of the raw message bytes, which the row carries.
/// </summary>
internal sealed class AuditTail
{
    private const int PageSize = 500;
    private readonly IAuditStore _store;
    private readonly DateTimeOffset _from;
    private readonly Stopwatch _clock;
    private readonly List<ScoredRow> _rows = [];
    private int _seen;

    public AuditTail(IAuditStore store, DateTimeOffset from, Stopwatch clock)
    {
        _store = store;
        _from = from;
        _clock = clock;
    }

    /// <summary>Scored rows seen so far.</summary>
    public int Scored => Volatile.Read(ref _seen);

    /// <summary>Every row seen, in the order seen.</summary>
    public IReadOnlyList<ScoredRow> Rows => _rows;

    /// <summary>Opens the store of a serve: PostgreSQL when a connection string is given, else SQLite in the data dir.</summary>
    public static async Task<IAuditStore?> OpenAsync(string? dataDirectory, string? postgres, CancellationToken cancellationToken)
    {
        AuditOptions options = postgres is not null
            ? new AuditOptions { Provider = AuditProvider.PostgreSql, ConnectionString = postgres }
            : new AuditOptions { DataDirectory = dataDirectory ?? ".ecgbridge" };
        var database = AuditDatabase.Create(options);
        if (!await database.HasAuditTableAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        // Reads only: no patient filter is ever used, so the hasher never needs a key.
        return new EfAuditStore(database, new PatientIdHasher(() => []), TimeProvider.System);
    }

    /// <summary>Reads the rows committed since the last poll; returns how many were new.</summary>
    public async Task<int> PollAsync(CancellationToken cancellationToken)
    {
        var filter = new AuditFilter { Outcome = AuditOutcome.Scored, From = _from };
        int added = 0;
        while (true)
        {
            AuditPage page = await _store.SearchAuditAsync(filter, _rows.Count, PageSize, cancellationToken).ConfigureAwait(false);
            TimeSpan seenAt = _clock.Elapsed;
            foreach (AuditEntry entry in page.Items)
            {
                _rows.Add(new ScoredRow(entry.RawSha256 ?? "", entry.RiskAssessmentId, seenAt, entry.FinishedAt, entry.DecodeMilliseconds, entry.NormalizeMilliseconds, entry.ScoreMilliseconds, entry.RecordMilliseconds));
            }

            added += page.Items.Count;
            Volatile.Write(ref _seen, _rows.Count);
            if (page.Items.Count < PageSize)
            {
                return added;
            }
        }
    }
}

using System.Data;
using System.Data.Common;
using EcgBridge.Audit.Data;
using EcgBridge.Core.Audit;
using Microsoft.EntityFrameworkCore;

namespace EcgBridge.Audit;

/// <summary>
/// Follows the audit log from outside the serve (the bench): one kept-open connection and one prepared keyset query
/// that reads only the columns a follower needs, so polling every few milliseconds costs the follower little (no query
/// translation, no SQL parsing, no connection set-up per poll) and the serve nothing it would notice.
/// </summary>
public sealed class AuditTailReader : IAsyncDisposable
{
    private const string Sql =
        "SELECT seq, raw_sha256, risk_assessment_id, finished_at, decode_ms, normalize_ms, score_ms, record_ms " +
        "FROM audit WHERE seq > @after AND outcome = @outcome ORDER BY seq LIMIT @take";

    private readonly AuditDbContext _db;
    private readonly DbCommand _command;
    private readonly DbParameter _after;
    private readonly DbParameter _take;

    private AuditTailReader(AuditDbContext db, DbCommand command, DbParameter after, DbParameter take)
    {
        _db = db;
        _command = command;
        _after = after;
        _take = take;
    }

    /// <summary>Opens a reader of <paramref name="outcome"/> rows, or null when the database has no audit table yet.</summary>
    public static async Task<AuditTailReader?> OpenAsync(AuditDatabase database, AuditOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (!await database.HasAuditTableAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        AuditDbContext db = database.CreateContext();
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        DbCommand command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = Sql;
        DbParameter after = Parameter(command, "@after", DbType.Int64, 0L);
        Parameter(command, "@outcome", DbType.String, AuditNames.Of(outcome));
        DbParameter take = Parameter(command, "@take", DbType.Int32, 1);
        await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
        return new AuditTailReader(db, command, after, take);
    }

    /// <summary>The highest sequence number in the log now (0 when empty): rows after it are new.</summary>
    public async Task<long> HighestAsync(CancellationToken cancellationToken) =>
        await _db.Audit.MaxAsync(x => (long?)x.Seq, cancellationToken).ConfigureAwait(false) ?? 0;

    /// <summary>At most <paramref name="take"/> rows after <paramref name="after"/>, in sequence order.</summary>
    public async Task<List<AuditTailRow>> ReadAfterAsync(long after, int take, CancellationToken cancellationToken)
    {
        _after.Value = after;
        _take.Value = take;
        var rows = new List<AuditTailRow>();
        await using DbDataReader reader = await _command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new AuditTailRow(
                reader.GetInt64(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : Instant(reader.GetValue(3)),
                Milliseconds(reader, 4),
                Milliseconds(reader, 5),
                Milliseconds(reader, 6),
                Milliseconds(reader, 7)));
        }

        return rows;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _command.DisposeAsync().ConfigureAwait(false);
        await _db.DisposeAsync().ConfigureAwait(false);
    }

    private static DbParameter Parameter(DbCommand command, string name, DbType type, object value)
    {
        DbParameter parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    private static double? Milliseconds(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);

    /// <summary>SQLite stores instants as Unix microseconds (<see cref="UnixMicrosecondsConverter"/>); PostgreSQL as timestamptz.</summary>
    private static DateTimeOffset Instant(object value) => value switch
    {
        long micros => DateTimeOffset.UnixEpoch.AddTicks(micros * 10),
        DateTimeOffset instant => instant,
        DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
        _ => throw new InvalidCastException("finished_at has an unexpected type: " + value.GetType().Name),
    };
}

using EcgBridge.IntegrationTests.Host;
using Npgsql;

namespace EcgBridge.IntegrationTests.Reliability;

/// <summary>The end state of a fault run, read from the audit database and the recording EHR.</summary>
internal sealed record FaultRunCounts(
    long AcceptedRows,
    long ScoredRows,
    long ScoredKeys,
    long DuplicateRows,
    long FailedRows,
    long RejectedRows,
    long RiskAssessmentRows,
    long OutboxPending,
    long OutboxFailed,
    int EhrCreates,
    int EhrPosts)
{
    public static async Task<FaultRunCounts> ReadAsync(string connectionString, RecordingEhr ehr)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT
              (SELECT count(*) FROM audit WHERE outcome = 'accepted'),
              (SELECT count(*) FROM audit WHERE outcome = 'scored'),
              (SELECT count(DISTINCT dedupe_key) FROM audit WHERE outcome = 'scored'),
              (SELECT count(*) FROM audit WHERE outcome = 'duplicate'),
              (SELECT count(*) FROM audit WHERE outcome = 'failed'),
              (SELECT count(*) FROM audit WHERE outcome = 'rejected'),
              (SELECT count(*) FROM risk_assessment),
              (SELECT count(*) FROM outbox WHERE status = 'pending'),
              (SELECT count(*) FROM outbox WHERE status = 'failed')
            """,
            connection);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new FaultRunCounts(
            reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4),
            reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8), ehr.Creates, ehr.Posts);
    }

    public static async Task<IReadOnlySet<string>> ScoredMessageIdsAsync(string connectionString)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT message_id FROM audit WHERE outcome = 'scored'", connection);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}

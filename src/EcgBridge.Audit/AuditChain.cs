using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EcgBridge.Audit.Data;

namespace EcgBridge.Audit;

/// <summary>
/// The audit hash chain: <c>hash = lowercase hex SHA-256(UTF-8(canonical form))</c>, where the canonical form (v1) is
/// the line <c>ecgbridge-audit-v1</c> followed by one line per field in a fixed order, <c>name=~</c> for null or
/// <c>name=&lt;UTF-8 byte length&gt;:&lt;value&gt;</c>, each ended by <c>\n</c>. The last field is <c>prev_hash</c>,
/// which links the row to the one before it. The first row's prev_hash is <see cref="Genesis"/>. Canonical form v2
/// (header <c>ecgbridge-audit-v2</c>) adds <c>chain_id</c> and <c>chain_seq</c> after <c>seq</c>, and
/// <c>risk_assessment_sha256</c> and <c>outbox_sha256</c> before <c>prev_hash</c>; each row says which form it uses.
/// </summary>
public static class AuditChain
{
    /// <summary>prev_hash of the first row: 64 zeros.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>Header line of canonical form v1 (rows written before chains and coverage hashes).</summary>
    public const string Version = "ecgbridge-audit-v1";

    /// <summary>Header line of canonical form v2, written for every new row.</summary>
    public const string Version2 = "ecgbridge-audit-v2";

    /// <summary>The canonical form new rows use.</summary>
    public const int CurrentHashVersion = 2;

    /// <summary>Computes the hash of a row from its fields and <see cref="AuditRow.PrevHash"/> (ignores <see cref="AuditRow.Hash"/>).</summary>
    public static string ComputeHash(AuditRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        byte[] canonical = Encoding.UTF8.GetBytes(Canonicalize(row));
        return Convert.ToHexStringLower(SHA256.HashData(canonical));
    }

    /// <summary>The canonical form (v1 or v2, as the row says) of a row, as documented in docs/audit.md.</summary>
    public static string Canonicalize(AuditRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        bool v2 = row.HashVersion >= 2;
        var text = new StringBuilder(1024);
        text.Append(v2 ? Version2 : Version).Append('\n');
        Field(text, "seq", row.Seq.ToString(CultureInfo.InvariantCulture));
        if (v2)
        {
            Field(text, "chain_id", row.ChainId.ToString(CultureInfo.InvariantCulture));
            Field(text, "chain_seq", row.ChainSeq.ToString(CultureInfo.InvariantCulture));
        }

        Field(text, "received_at", Time(row.ReceivedAt));
        Field(text, "finished_at", row.FinishedAt is { } finished ? Time(finished) : null);
        Field(text, "channel", row.Channel);
        Field(text, "source_system", row.SourceSystem);
        Field(text, "message_id", row.MessageId);
        Field(text, "dedupe_key", row.DedupeKey);
        Field(text, "raw_sha256", row.RawSha256);
        Field(text, "tensor_sha256", row.TensorSha256);
        Field(text, "model_name", row.ModelName);
        Field(text, "model_version", row.ModelVersion);
        Field(text, "model_sha256", row.ModelSha256);
        Field(text, "preprocessing_version", row.PreprocessingVersion);
        Field(text, "probability", Number(row.Probability));
        Field(text, "risk", row.Risk);
        Field(text, "risk_assessment_id", row.RiskAssessmentId);
        Field(text, "outcome", row.Outcome);
        Field(text, "error_codes", row.ErrorCodes);
        Field(text, "decode_ms", Number(row.DecodeMs));
        Field(text, "normalize_ms", Number(row.NormalizeMs));
        Field(text, "score_ms", Number(row.ScoreMs));
        Field(text, "record_ms", Number(row.RecordMs));
        Field(text, "patient_id_hash", row.PatientIdHash);
        if (v2)
        {
            Field(text, "risk_assessment_sha256", row.RiskAssessmentSha256);
            Field(text, "outbox_sha256", row.OutboxSha256);
        }

        Field(text, "prev_hash", row.PrevHash);
        return text.ToString();
    }

    /// <summary>Lowercase hex SHA-256 of a UTF-8 string (the RiskAssessment JSON as stored).</summary>
    public static string Sha256(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
    }

    /// <summary>
    /// Combined hash of a row's outbox payloads, in the order given (kind order, as stored): SHA-256 over the lines
    /// <c>&lt;kind&gt;=&lt;sha256 of the UTF-8 payload&gt;\n</c>. Null when there are none.
    /// </summary>
    public static string? OutboxHash(IReadOnlyList<(string Kind, string Payload)> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            return null;
        }

        var text = new StringBuilder(80 * items.Count);
        for (int i = 0; i < items.Count; i++)
        {
            text.Append(items[i].Kind).Append('=').Append(Sha256(items[i].Payload)).Append('\n');
        }

        return Sha256(text.ToString());
    }

    /// <summary>UTC, truncated to whole microseconds: the precision both databases keep.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset value)
    {
        long ticks = value.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % 10), TimeSpan.Zero);
    }

    private static void Field(StringBuilder text, string name, string? value)
    {
        text.Append(name).Append('=');
        if (value is null)
        {
            text.Append('~');
        }
        else
        {
            text.Append(Encoding.UTF8.GetByteCount(value).ToString(CultureInfo.InvariantCulture)).Append(':').Append(value);
        }

        text.Append('\n');
    }

    private static string Time(DateTimeOffset value) =>
        Truncate(value).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static string? Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture);
}

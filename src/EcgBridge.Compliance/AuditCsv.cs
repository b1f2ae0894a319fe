using System.Globalization;
using EcgBridge.Core.Audit;
using EcgBridge.Core.Scoring;

namespace EcgBridge.Compliance;

/// <summary>
/// The CSV form of audit rows (RFC 4180: comma separated, CRLF line ends, fields quoted when they hold a comma, quote
/// or line break, quotes doubled). Cells that a spreadsheet would run as a formula (starting with = + - @, tab or CR)
/// get a leading apostrophe. The patient appears only as its HMAC hash.
/// </summary>
public static class AuditCsv
{
    /// <summary>Column names, in order (documented in docs/parts/readme-compliance.md).</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "seq", "received_at", "finished_at", "outcome", "channel", "source_system", "message_id", "patient_id_hash",
        "model_name", "model_version", "model_sha256", "preprocessing_version", "probability", "risk",
        "risk_assessment_id", "error_codes", "dedupe_key", "raw_sha256", "tensor_sha256", "decode_ms", "normalize_ms",
        "score_ms", "record_ms", "prev_hash", "hash",
    ];

    /// <summary>The header line, CRLF ended.</summary>
    public static string Header() => string.Join(',', Columns) + "\r\n";

    /// <summary>One row, CRLF ended.</summary>
    public static string Row(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        string?[] cells =
        [
            Number(entry.Sequence),
            Time(entry.ReceivedAt),
            entry.FinishedAt is { } finished ? Time(finished) : null,
            ComplianceNames.Of(entry.Outcome),
            ComplianceNames.Of(entry.Channel),
            entry.SourceSystem,
            entry.MessageId,
            entry.PatientIdHash,
            entry.ModelName,
            entry.ModelVersion,
            entry.ModelSha256,
            entry.PreprocessingVersion,
            Number(entry.Probability),
            entry.Risk is { } risk ? RiskThresholds.Code(risk) : null,
            entry.RiskAssessmentId,
            entry.ErrorCodes.Count == 0 ? null : string.Join(';', entry.ErrorCodes),
            entry.DedupeKey,
            entry.RawSha256,
            entry.TensorSha256,
            Number(entry.DecodeMilliseconds),
            Number(entry.NormalizeMilliseconds),
            Number(entry.ScoreMilliseconds),
            Number(entry.RecordMilliseconds),
            entry.PreviousHash,
            entry.Hash,
        ];
        var line = new System.Text.StringBuilder(256);
        for (int i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                line.Append(',');
            }

            line.Append(Cell(cells[i]));
        }

        return line.Append("\r\n").ToString();
    }

    /// <summary>
    /// One field: formula-looking text gets a leading apostrophe, then RFC 4180 quoting. Numbers we format ourselves
    /// (a negative duration never occurs; probabilities are 0..1) are not passed through the formula guard.
    /// </summary>
    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        string text = value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        bool quote = text.AsSpan().IndexOfAny(",\"\r\n") >= 0;
        return quote ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    private static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string? Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture);
}

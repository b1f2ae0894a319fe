using System.Globalization;
using System.Text;
using System.Text.Json;

namespace EcgBridge.Audit;

/// <summary>
/// A signed statement "chain <see cref="ChainId"/> had <see cref="RowCount"/> rows ending in <see cref="HeadHash"/> at
/// <see cref="CreatedAt"/>", stored in the database and, one JSON line each, in the witness.
/// </summary>
public sealed record AuditCheckpoint(
    int ChainId,
    long Number,
    long RowCount,
    string HeadHash,
    DateTimeOffset CreatedAt,
    string KeyId,
    string Algorithm,
    string Signature)
{
    /// <summary>The only algorithm written: ECDSA P-256 with SHA-256, IEEE P1363 (r‖s) signature, base64.</summary>
    public const string Es256 = "ES256";

    /// <summary>Header line of the signed text.</summary>
    public const string PayloadVersion = "ecgbridge-checkpoint-v1";

    /// <summary>The exact UTF-8 text that is signed: one <c>name=value</c> line per field after the header.</summary>
    public byte[] SigningPayload() => Payload(ChainId, Number, RowCount, HeadHash, CreatedAt, KeyId, Algorithm);

    /// <summary>The signed text for the given fields (used before the signature exists).</summary>
    public static byte[] Payload(int chainId, long number, long rowCount, string headHash, DateTimeOffset createdAt, string keyId, string algorithm)
    {
        var text = new StringBuilder(256);
        text.Append(PayloadVersion).Append('\n')
            .Append("chain_id=").Append(chainId.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append("number=").Append(number.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append("row_count=").Append(rowCount.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append("head_hash=").Append(headHash).Append('\n')
            .Append("created_at=").Append(Time(createdAt)).Append('\n')
            .Append("key_id=").Append(keyId).Append('\n')
            .Append("algorithm=").Append(algorithm).Append('\n');
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>One NDJSON line (no line end) for the witness.</summary>
    public string ToJsonLine()
    {
        using var buffer = new MemoryStream(320);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("chain_id", ChainId);
            json.WriteNumber("number", Number);
            json.WriteNumber("row_count", RowCount);
            json.WriteString("head_hash", HeadHash);
            json.WriteString("created_at", Time(CreatedAt));
            json.WriteString("key_id", KeyId);
            json.WriteString("algorithm", Algorithm);
            json.WriteString("signature", Signature);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Reads a witness line; false when it is not a complete checkpoint.</summary>
    public static bool TryParseJsonLine(string line, out AuditCheckpoint? checkpoint)
    {
        checkpoint = null;
        try
        {
            using JsonDocument document = JsonDocument.Parse(line);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("chain_id", out JsonElement chain) || !chain.TryGetInt32(out int chainId)
                || !root.TryGetProperty("number", out JsonElement numberElement) || !numberElement.TryGetInt64(out long number)
                || !root.TryGetProperty("row_count", out JsonElement rowsElement) || !rowsElement.TryGetInt64(out long rows)
                || Text(root, "head_hash") is not { } head
                || Text(root, "created_at") is not { } created
                || !DateTimeOffset.TryParse(created, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset createdAt)
                || Text(root, "key_id") is not { } keyId
                || Text(root, "algorithm") is not { } algorithm
                || Text(root, "signature") is not { } signature)
            {
                return false;
            }

            checkpoint = new AuditCheckpoint(chainId, number, rows, head, AuditChain.Truncate(createdAt), keyId, algorithm, signature);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Time(DateTimeOffset value) =>
        AuditChain.Truncate(value).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}

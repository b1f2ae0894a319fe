using System.Text.Json;

namespace EcgBridge.Audit;

/// <summary>
/// What an earlier verification proved, per chain: the newest checkpoint whose rows all verified (number, row count,
/// head hash). An incremental run re-checks that checkpoint and starts after its rows. Kept in a JSON file by the verifier.
/// </summary>
public sealed class AuditVerifyState
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Verified checkpoint per chain id.</summary>
    public Dictionary<int, VerifiedCheckpoint> Chains { get; init; } = [];

    /// <summary>Reads a state file; a missing or unreadable file gives null (verify in full).</summary>
    public static AuditVerifyState? Load(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<AuditVerifyState>(File.ReadAllText(path), Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Writes the state file (replacing it).</summary>
    public void Save(string path)
    {
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temporary = full + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, Json));
        File.Move(temporary, full, overwrite: true);
    }

    /// <summary>One verified checkpoint.</summary>
    public sealed record VerifiedCheckpoint(long Number, long RowCount, string HeadHash);
}

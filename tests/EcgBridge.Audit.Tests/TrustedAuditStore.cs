using System.Security.Cryptography;
using EcgBridge.Audit.Data;
using EcgBridge.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace EcgBridge.Audit.Tests;

/// <summary>
/// A migrated SQLite audit store with a signing key (PEM file 0600), a witness folder and a small checkpoint cadence,
/// in a fresh temp directory; plus the raw access an attacker with the database file would have.
/// </summary>
public sealed class TrustedAuditStore : IAsyncDisposable
{
    private TrustedAuditStore(SqliteAuditDatabase db, string keyFile, string witnessDirectory)
    {
        Db = db;
        KeyFile = keyFile;
        WitnessDirectory = witnessDirectory;
    }

    public SqliteAuditDatabase Db { get; }

    public string KeyFile { get; }

    public string WitnessDirectory { get; }

    public AuditWitness Witness => new(WitnessDirectory);

    public static async Task<TrustedAuditStore> CreateAsync()
    {
        SqliteAuditDatabase db = await SqliteAuditDatabase.CreateAsync();
        string keyFile = Path.Combine(db.Directory, "signing.pem");
        await File.WriteAllTextAsync(keyFile, AuditSigningKeys.NewPrivateKeyPem());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return new TrustedAuditStore(db, keyFile, Path.Combine(db.Directory, "witness"));
    }

    public AuditOptions Options(int everyRows = 5, int chainCount = 1, string? witness = null, bool requireWitness = false) => new()
    {
        DataDirectory = Db.Directory,
        SigningKeyPath = KeyFile,
        WitnessDirectory = witness ?? WitnessDirectory,
        CheckpointEveryRows = everyRows,
        ChainCount = chainCount,
        RequireWitness = requireWitness,
    };

    public EfAuditStore Store(int everyRows = 5, int chainCount = 1, string? witness = null, bool requireWitness = false) =>
        Store(AuditCheckpointSettings.From(Options(everyRows, chainCount, witness, requireWitness)));

    public EfAuditStore Store(AuditCheckpointSettings settings) =>
        new(
            AuditDatabase.Create(new AuditOptions { DataDirectory = Db.Directory }),
            new PatientIdHasher(() => System.Text.Encoding.UTF8.GetBytes(SqliteAuditDatabase.PatientKey)),
            Db.Time,
            settings);

    /// <summary>A verifier holding only the public key of the signing key (and the witness).</summary>
    public AuditVerifier Verifier(AuditWitness? witness = null)
    {
        var keys = new AuditKeyRing();
        keys.AddVerificationPem(PublicKeyPem());
        return new AuditVerifier(Db.Database, keys, witness ?? Witness);
    }

    public string PublicKeyPem()
    {
        using var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(KeyFile));
        return key.ExportSubjectPublicKeyInfoPem();
    }

    /// <summary>Appends <paramref name="count"/> accepted messages, one audit row each.</summary>
    public static async Task AcceptAsync(EfAuditStore store, int count, string prefix = "k")
    {
        for (int i = 0; i < count; i++)
        {
            await store.AcceptAsync(AuditSamples.Message(prefix + i), AuditSamples.Ack("AA"), default);
        }
    }

    /// <summary>Runs SQL as someone with the database file (no application, no triggers unless the SQL keeps them).</summary>
    public void Execute(string sql)
    {
        using SqliteConnection raw = Db.OpenRaw();
        using SqliteCommand command = raw.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// The attacker's re-hash: with the update trigger dropped, changes row <paramref name="chainSeq"/> of chain 0 and
    /// recomputes every hash from there on, so the rows alone look consistent.
    /// </summary>
    public async Task EditAndRehashAsync(long chainSeq, Action<AuditRow> edit)
    {
        Execute("DROP TRIGGER IF EXISTS audit_no_update;");
        await using AuditDbContext context = Db.Database.CreateContext();
        List<AuditRow> rows = await context.Audit.Where(x => x.ChainId == 0 && x.ChainSeq >= chainSeq - 1).OrderBy(x => x.ChainSeq).ToListAsync();
        string previous = rows[0].ChainSeq == chainSeq ? AuditChain.Genesis : rows[0].Hash;
        foreach (AuditRow row in rows)
        {
            if (row.ChainSeq < chainSeq)
            {
                continue;
            }

            if (row.ChainSeq == chainSeq)
            {
                edit(row);
            }

            row.PrevHash = previous;
            row.Hash = AuditChain.ComputeHash(row);
            previous = row.Hash;
        }

        await context.SaveChangesAsync();
    }

    public async ValueTask DisposeAsync() => await Db.DisposeAsync();
}

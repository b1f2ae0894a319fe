using EcgBridge.Audit;
using EcgBridge.Core.Audit;
using EcgBridge.Core.Scoring;
using Microsoft.Data.Sqlite;

namespace EcgBridge.Cli.Tests.Compliance;

/// <summary>
/// A temporary embedded audit store with a known patient-id key file (the CLI reads the same file), filled with a few
/// scored, rejected and accepted rows.
/// </summary>
internal sealed class AuditSeed : IAsyncDisposable
{
    public const string PatientA = "MRN-PLAIN-0001";
    public const string PatientB = "MRN-PLAIN-0002";
    public const string FormulaSource = "=cmd|' /C calc'!A0";

    private AuditSeed(string dataDir, EfAuditStore store, PatientIdHasher hasher)
    {
        DataDir = dataDir;
        Store = store;
        Hasher = hasher;
    }

    public string DataDir { get; }

    public EfAuditStore Store { get; }

    public PatientIdHasher Hasher { get; }

    public string AccessLog => Path.Combine(DataDir, "access-log.ndjson");

    public static async Task<AuditSeed> CreateAsync()
    {
        string dataDir = Path.Combine(Path.GetTempPath(), "ecgb-compliance-" + Guid.NewGuid().ToString("N"));
        AuditDatabase database = AuditDatabase.Create(new AuditOptions { DataDirectory = dataDir });
        await database.MigrateAsync(default);
        string keyFile = Path.Combine(dataDir, "patient-id.key");
        var hasher = new PatientIdHasher(() => PatientIdHasher.LoadOrCreateKey(null, keyFile));
        return new AuditSeed(dataDir, new EfAuditStore(database, hasher, TimeProvider.System), hasher);
    }

    /// <summary>Rows: scored A (v1, high), scored B (v1, low), scored A (v2, high), rejected (formula source), accepted B.</summary>
    public async Task FillAsync()
    {
        DateTimeOffset start = new(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);
        await ScoredAsync("m1", PatientA, start, "1.0.0", 0.91, RiskLevel.High);
        await ScoredAsync("m2", PatientB, start.AddHours(1), "1.0.0", 0.07, RiskLevel.Low);
        await ScoredAsync("m3", PatientA, start.AddDays(2), "2.0.0", 0.66, RiskLevel.High);
        await Store.RecordRejectedAsync(Record("m4", null, start.AddDays(2).AddHours(1), FormulaSource) with { ErrorCodes = ["ECG-LEADS-MISSING lead V2"] }, Answer("AR"), default);
        await Store.AcceptAsync(Record("m5", PatientB, start.AddDays(3), "CART^WARD3"), Answer("AA"), default);
    }

    public async Task AcceptManyAsync(int count)
    {
        DateTimeOffset start = new(2026, 11, 21, 0, 0, 0, TimeSpan.Zero);
        for (int i = 0; i < count; i++)
        {
            await Store.AcceptAsync(Record("bulk" + i, PatientA, start.AddSeconds(i), "BULK^SITE"), Answer("AA"), default);
        }
    }

    public async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        await Task.Yield();
        Directory.Delete(DataDir, recursive: true);
    }

    private async Task ScoredAsync(string id, string patient, DateTimeOffset at, string version, double probability, RiskLevel risk)
    {
        AuditRecord record = Record(id, patient, at, "CART^WARD3");
        await Store.AcceptAsync(record, Answer("AA"), default);
        var model = new ModelIdentity("ecg-smart-net", version, new string('d', 64), "v1");
        AuditRecord scored = record.WithPrediction(new Prediction(probability, risk, probability >= 0.5, model)) with
        {
            FinishedAt = at.AddMilliseconds(300),
            RiskAssessmentId = "ra-" + id,
        };
        await Store.RecordScoredAsync(scored, [], null, default);
    }

    private static AuditRecord Record(string id, string? patient, DateTimeOffset at, string source) => new()
    {
        DedupeKey = "key-" + id,
        Channel = AuditChannel.Mllp,
        ReceivedAt = at,
        SourceSystem = source,
        MessageId = id,
        PatientId = patient,
    };

    private static StoredAnswer Answer(string code) => new(code, "x-application/hl7-v2+er7", [0x4D]);
}

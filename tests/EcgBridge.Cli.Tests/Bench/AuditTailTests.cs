using System.Diagnostics;
using EcgBridge.Audit;
using EcgBridge.Cli.Bench;
using EcgBridge.Core.Audit;
using EcgBridge.Core.Scoring;
using Microsoft.Data.Sqlite;

namespace EcgBridge.Cli.Tests.Bench;

public sealed class AuditTailTests : IAsyncLifetime
{
    private static readonly DateTimeOffset RunStart = new(2026, 11, 24, 3, 0, 0, TimeSpan.Zero);
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "ecgb-bench-tail-" + Guid.NewGuid().ToString("N"));
    private EfAuditStore _store = null!;

    public async Task InitializeAsync()
    {
        AuditDatabase database = AuditDatabase.Create(new AuditOptions { DataDirectory = _dataDir });
        await database.MigrateAsync(default);
        _store = new EfAuditStore(database, new PatientIdHasher(() => new byte[32]), TimeProvider.System);
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDir, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Sees_each_scored_row_committed_after_it_opened_once_with_its_raw_hash_and_step_times()
    {
        await ScoreAsync("before", RunStart.AddMinutes(-5));
        await using AuditTail tail = (await AuditTail.OpenAsync(_dataDir, null, Stopwatch.StartNew(), default))!;
        await ScoreAsync("m1", RunStart.AddSeconds(1));
        await ScoreAsync("m2", RunStart.AddSeconds(2));
        await _store.AcceptAsync(Record("only-accepted", RunStart.AddSeconds(3)), Answer(), default);

        int first = await tail.PollAsync(default);
        int again = await tail.PollAsync(default);
        await ScoreAsync("m3", RunStart.AddSeconds(4));
        int later = await tail.PollAsync(default);

        Assert.Equal(2, first);
        Assert.Equal(0, again);
        Assert.Equal(1, later);
        Assert.Equal(3, tail.Scored);
        Assert.Equal(["raw-m1", "raw-m2", "raw-m3"], tail.Rows.Select(r => r.RawSha256));
        Assert.All(tail.Rows, r => Assert.Equal(1.5, r.DecodeMilliseconds));
        Assert.All(tail.Rows, r => Assert.Equal(0.25, r.NormalizeMilliseconds));
        Assert.All(tail.Rows, r => Assert.Equal(101.0, r.ScoreMilliseconds));
        Assert.Equal("ra-m2", tail.Rows[1].RiskAssessmentId);
    }

    [Fact]
    public async Task A_folder_without_an_audit_database_is_not_opened()
    {
        string empty = Path.Combine(_dataDir, "no-serve-here");
        Directory.CreateDirectory(empty);

        Assert.Null(await AuditTail.OpenAsync(empty, null, Stopwatch.StartNew(), default));
    }

    private async Task ScoreAsync(string id, DateTimeOffset at)
    {
        AuditRecord record = Record(id, at);
        await _store.AcceptAsync(record, Answer(), default);
        var model = new ModelIdentity("ecg-smart-net", "1.0.0", new string('d', 64), "v1");
        AuditRecord scored = record.WithPrediction(new Prediction(0.2, RiskLevel.Low, false, model)) with
        {
            FinishedAt = at.AddMilliseconds(300),
            RiskAssessmentId = "ra-" + id,
            ScoreMilliseconds = 101.0,
        };
        await _store.RecordScoredAsync(scored, [], null, default);
    }

    private static AuditRecord Record(string id, DateTimeOffset at) => new()
    {
        DedupeKey = "key-" + id,
        Channel = AuditChannel.Mllp,
        ReceivedAt = at,
        SourceSystem = "BENCH^TEST",
        MessageId = id,
        RawSha256 = "raw-" + id,
        DecodeMilliseconds = 1.5,
        NormalizeMilliseconds = 0.25,
    };

    private static StoredAnswer Answer() => new("AA", "x-application/hl7-v2+er7", [0x4D]);
}

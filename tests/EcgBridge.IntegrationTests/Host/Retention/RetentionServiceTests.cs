using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EcgBridge.Audit;
using EcgBridge.Compliance;
using EcgBridge.Core;
using EcgBridge.Core.Pipeline;
using EcgBridge.Host.Retention;
using EcgBridge.IntegrationTests.Audit;
using EcgBridge.Pipeline.Accept;
using EcgBridge.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EcgBridge.IntegrationTests.Host.Retention;

/// <summary>Retention on the embedded store and spool, with a clock the test moves.</summary>
public sealed class RetentionServiceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "ecgb-retention-" + Guid.NewGuid().ToString("N"));
    private readonly ManualTimeProvider _time = new(Start);
    private EfAuditStore _store = null!;
    private PayloadSpool _spool = null!;

    private string AccessLog => Path.Combine(_dataDir, AccessLogFile.FileName);

    public async Task InitializeAsync()
    {
        AuditDatabase database = AuditDatabase.Create(new AuditOptions { DataDirectory = _dataDir });
        await database.MigrateAsync(CancellationToken.None);
        _store = new EfAuditStore(database, new PatientIdHasher(() => "retention-test-key-0123"u8.ToArray()), _time);
        _spool = new PayloadSpool(Path.Combine(_dataDir, "spool"));
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDir, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Run_deletes_old_tensors_and_finished_spool_files_keeps_audit_rows_and_is_recorded_as_a_BALP_delete()
    {
        long old = (await _store.RecordScoredAsync(AuditSamples.Scored("old"), [], null, new EcgTensor(), default)).AuditSequence;
        string oldFile = await SpoolAsync("old", Start);
        string pendingFile = await SpoolAsync("pending", Start);
        _time.Advance(TimeSpan.FromDays(10));
        long recent = (await _store.RecordScoredAsync(AuditSamples.Scored("recent"), [], null, new EcgTensor(), default)).AuditSequence;
        string recentFile = await SpoolAsync("recent", _time.GetUtcNow());

        RetentionPrune prune = await CreateService(days: 5).PruneOnceAsync(default);

        Assert.Equal(1, prune.DeletedTensors);
        Assert.Equal(1, prune.DeletedSpoolFiles);
        Assert.Null(await _store.GetStoredEcgAsync(old, default));
        Assert.NotNull(await _store.GetStoredEcgAsync(recent, default));
        Assert.False(File.Exists(oldFile));
        Assert.True(File.Exists(pendingFile), "an unfinished message's spool file is needed to re-send it");
        Assert.True(File.Exists(recentFile));
        Assert.NotNull(await _store.GetAuditEntryAsync(old, default));
        Assert.True((await _store.VerifyChainAsync(default)).Intact);
        using JsonDocument logged = JsonDocument.Parse(Assert.Single(await File.ReadAllLinesAsync(AccessLog)));
        Assert.Equal("AuditEvent", logged.RootElement.GetProperty("resourceType").GetString());
        Assert.Equal("D", logged.RootElement.GetProperty("action").GetString());
        Assert.Equal("delete", logged.RootElement.GetProperty("subtype")[0].GetProperty("code").GetString());
        Assert.Equal("0", logged.RootElement.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Nothing_is_pruned_or_logged_when_retention_is_not_configured()
    {
        await _store.RecordScoredAsync(AuditSamples.Scored("old"), [], null, new EcgTensor(), default);
        _time.Advance(TimeSpan.FromDays(3650));
        RetentionService service = CreateService(days: 0);

        await service.StartAsync(default);
        await service.ExecuteTask!;
        await service.StopAsync(default);

        Assert.NotNull(await _store.GetStoredEcgAsync(1, default));
        Assert.False(File.Exists(AccessLog));
    }

    private RetentionService CreateService(int days)
    {
        return new RetentionService(
            _store,
            _spool,
            new ComplianceAccessLog(_dataDir, _time),
            Options.Create(new RetentionOptions { RawPayloadDays = days }),
            _time,
            NullLogger<RetentionService>.Instance);
    }

    private async Task<string> SpoolAsync(string dedupeKey, DateTimeOffset writtenAt)
    {
        await _spool.SaveAsync(
            new ScoreEcg
            {
                DedupeKey = dedupeKey,
                Channel = "mllp",
                ReceivedAt = writtenAt,
                ContentType = "x-application/hl7-v2+er7",
                Tensor = [1, 2, 3],
                TensorSha256 = new string('0', 64),
                RawSha256 = new string('0', 64),
                PreprocessingVersion = "v1",
                Source = new Core.EcgSource(),
            },
            CancellationToken.None);
        // The spool names each file by the SHA-256 of its dedupe key.
        string file = Path.Combine(_spool.DirectoryPath!, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(dedupeKey))) + ".json");
        File.SetLastWriteTimeUtc(file, writtenAt.UtcDateTime);
        return file;
    }
}

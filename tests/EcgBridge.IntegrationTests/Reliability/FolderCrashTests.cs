using EcgBridge.Core;
using EcgBridge.IntegrationTests.Host;
using EcgBridge.TestSupport;
using EcgBridge.TestSupport.Formats;
using Microsoft.Data.Sqlite;

namespace EcgBridge.IntegrationTests.Reliability;

/// <summary>The watched folder through a kill -9: every file ends in done/, each ECG is scored exactly once (issue 14).</summary>
public sealed class FolderCrashTests : IAsyncLifetime
{
    private const int Files = 12;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ecgb-foldercrash-" + Guid.NewGuid().ToString("N")[..8]);

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task Killed_mid_file_and_restarted_the_folder_loses_nothing_and_scores_nothing_twice()
    {
        string inbox = Path.Combine(_root, "inbox");
        string dataDir = Path.Combine(_root, "data");
        Directory.CreateDirectory(inbox);
        var settings = new Dictionary<string, string>
        {
            ["EcgBridge:Folders:muse:Path"] = inbox,
            ["EcgBridge:Folders:muse:PollSeconds"] = "0.1",
            ["EcgBridge:Folders:muse:SettleSeconds"] = "0",
        };
        int mllp = ServeProcess.FreePort();
        int http = ServeProcess.FreePort();
        EcgRecording real = RealRecords.Load(RealRecords.Hr06000);
        Dictionary<Lead, short[]> counts = MuseXmlWriter.Quantize(real, 4.88);
        for (int i = 0; i < Files; i++)
        {
            // Distinct files: a different patient id changes the bytes (and the content hash).
            await File.WriteAllBytesAsync(Path.Combine(inbox, $"ecg{i:D2}.xml"), MuseXmlWriter.Write(counts, real.SampleRateHz, patientId: "CRASH-" + i));
        }

        await using (ServeProcess first = await ServeProcess.StartAsync(dataDir, mllp, http, settings, Path.Combine(_root, "serve1.log"), Deadline))
        {
            // Kill as soon as the first file has been claimed or finished: mid-run, with files in every state.
            await Poll.UntilAsync(
                () => Task.FromResult(Count(inbox, ".claimed") + Count(inbox, "done") > 0),
                Deadline,
                "a file claimed");
            await first.KillHardAsync();
        }

        await using ServeProcess second = await ServeProcess.StartAsync(dataDir, mllp, http, settings, Path.Combine(_root, "serve2.log"), Deadline);
        await Poll.UntilAsync(() => Task.FromResult(Count(inbox, "done") == Files), Deadline, "every file in done/");
        await Poll.UntilAsync(async () => await ScoredAsync(dataDir) == Files, Deadline, "every ECG scored");

        Assert.Equal(0, Count(inbox, ".claimed"));
        Assert.Equal(0, Count(inbox, "error"));
        Assert.Equal(Files, await ScoredAsync(dataDir));
        Assert.Equal(Files, await DistinctScoredKeysAsync(dataDir));
    }

    private static int Count(string inbox, string sub) =>
        Directory.Exists(Path.Combine(inbox, sub)) ? Directory.GetFiles(Path.Combine(inbox, sub), "*.xml").Length : 0;

    private static async Task<long> ScoredAsync(string dataDir) =>
        await QueryAsync(dataDir, "SELECT COUNT(*) FROM audit WHERE outcome = 'scored'");

    private static async Task<long> DistinctScoredKeysAsync(string dataDir) =>
        await QueryAsync(dataDir, "SELECT COUNT(DISTINCT dedupe_key) FROM audit WHERE outcome = 'scored'");

    private static async Task<long> QueryAsync(string dataDir, string sql)
    {
        string db = Path.Combine(dataDir, "audit.db");
        if (!File.Exists(db))
        {
            return 0;
        }

        await using var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync() ?? 0L);
    }
}

using EcgBridge.Audit;
using EcgBridge.Audit.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EcgBridge.Cli.Tests.Compliance;

/// <summary>An operator upgrades the binary and runs a compliance command before <c>serve</c> has migrated the database.</summary>
[Collection(CliRunner.CollectionName)]
public sealed class OlderDatabaseTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("ecgb-older-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDir, recursive: true);
    }

    [Fact]
    public async Task Models_compare_on_a_database_older_than_the_binary_says_so_and_exits_2_without_touching_it()
    {
        AuditDatabase database = AuditDatabase.Create(new AuditOptions { DataDirectory = _dataDir });
        string older;
        await using (AuditDbContext db = database.CreateContext())
        {
            // The schema of the previous release: every migration but the newest three.
            List<string> all = [.. db.Database.GetMigrations()];
            older = all[^4];
            await db.GetService<IMigrator>().MigrateAsync(older);
        }

        CliResult result = await CliRunner.RunAsync("models", "compare", "--data-dir", _dataDir);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("older than this ecgbridge", result.Error, StringComparison.Ordinal);
        Assert.Contains("ecgbridge serve", result.Error, StringComparison.Ordinal);
        Assert.Equal(3, (await database.PendingMigrationsAsync(default)).Count);
    }
}

using EcgBridge.TestSupport;
using EcgBridge.Core.Audit;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace EcgBridge.Audit.Tests;

public sealed class AuditHostingExtensionsTests : IDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "ecgb-audit-host-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task Embedded_store_is_migrated_on_start_under_the_data_directory()
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["EcgBridge:Audit:DataDirectory"] = _dataDir });
        builder.AddEcgBridgeAudit();
        using IHost host = builder.Build();

        await host.StartAsync();
        IAuditStore store = host.Services.GetRequiredService<IAuditStore>();
        AcceptResult accepted = await store.AcceptAsync(AuditSamples.Message("k1"), AuditSamples.Ack("AA"), default);
        await host.StopAsync();

        Assert.False(accepted.IsDuplicate);
        Assert.True(File.Exists(Path.Combine(_dataDir, "audit.db")));
        Assert.True(File.Exists(Path.Combine(_dataDir, "patient-id.key")));
    }

    [Fact]
    public async Task PostgreSql_without_a_patient_id_key_fails_validation_on_start()
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["EcgBridge:Audit:Provider"] = "PostgreSql",
            ["EcgBridge:Audit:ConnectionString"] = "Host=127.0.0.1;Port=1;Database=none",
        });
        builder.AddEcgBridgeAudit();
        using IHost host = builder.Build();

        OptionsValidationException invalid = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(invalid.Failures, f => f.Contains(nameof(AuditOptions.PatientIdHashKey), StringComparison.Ordinal));
    }
}

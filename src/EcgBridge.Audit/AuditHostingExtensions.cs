using EcgBridge.Core.Audit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace EcgBridge.Audit;

/// <summary>Registers the audit store (<see cref="IAuditStore"/>), its start-up migrator and its checkpoint writer.</summary>
public static class AuditHostingExtensions
{
    /// <summary>
    /// Binds <see cref="AuditOptions"/> from <c>EcgBridge:Audit</c> (validated on start) and registers
    /// <see cref="AuditDatabase"/>, <see cref="IAuditStore"/> and the <see cref="AuditMigrator"/> hosted service.
    /// </summary>
    public static IHostApplicationBuilder AddEcgBridgeAudit(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<AuditOptions>()
            .BindConfiguration(AuditOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddEcgBridgeAuditServices();
        return builder;
    }

    /// <summary>The services behind <see cref="AddEcgBridgeAudit"/>, for hosts that configure <see cref="AuditOptions"/> themselves.</summary>
    public static IServiceCollection AddEcgBridgeAuditServices(this IServiceCollection services)
    {
        services.AddOptions<AuditOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => AuditDatabase.Create(sp.GetRequiredService<IOptions<AuditOptions>>().Value));
        services.AddSingleton(sp =>
        {
            AuditOptions options = sp.GetRequiredService<IOptions<AuditOptions>>().Value;
            string keyFile = Path.Combine(Path.GetFullPath(options.DataDirectory), "patient-id.key");
            return new PatientIdHasher(() => PatientIdHasher.LoadOrCreateKey(options.PatientIdHashKey, keyFile));
        });
        services.AddSingleton(sp => AuditCheckpointSettings.From(sp.GetRequiredService<IOptions<AuditOptions>>().Value));
        services.AddSingleton<EfAuditStore>(sp => new EfAuditStore(
            sp.GetRequiredService<AuditDatabase>(),
            sp.GetRequiredService<PatientIdHasher>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<AuditCheckpointSettings>()));
        services.AddSingleton<IAuditStore>(sp => sp.GetRequiredService<EfAuditStore>());
        // One store, one transaction per message, registered once per port so each step asks only for what it uses.
        services.AddSingleton<IInbox>(sp => sp.GetRequiredService<EfAuditStore>());
        services.AddSingleton<IAuditLog>(sp => sp.GetRequiredService<EfAuditStore>());
        services.AddSingleton<IOutbox>(sp => sp.GetRequiredService<EfAuditStore>());
        services.AddSingleton<IRiskAssessmentStore>(sp => sp.GetRequiredService<EfAuditStore>());
        services.AddSingleton<IStoredEcgStore>(sp => sp.GetRequiredService<EfAuditStore>());
        services.AddSingleton<Core.Feedback.IOutcomeFeedbackStore>(sp => sp.GetRequiredService<EfAuditStore>());
        services.AddSingleton(sp => new AuditIntegrity(sp.GetRequiredService<AuditDatabase>()));
        services.AddHostedService<AuditMigrator>();
        services.AddHostedService<AuditCheckpointService>();
        return services;
    }
}

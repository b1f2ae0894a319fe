using EcgBridge.Compliance;
using EcgBridge.Host.Retention;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EcgBridge.Host.Compliance;

/// <summary>
/// Maps the compliance API (<c>/compliance/api/…</c>) and the compliance web page (<c>/compliance</c>). The caller
/// applies the auditor policy to the returned group; the sign-in routes stay anonymous.
/// </summary>
public static class ComplianceEndpoints
{
    /// <summary>Maps every compliance route under <c>/compliance</c> and returns the group.</summary>
    public static RouteGroupBuilder MapEcgBridgeCompliance(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        RouteGroupBuilder group = routes.MapGroup("/compliance");
        ComplianceApi.Map(group);
        CompliancePage.Map(group);
        ModelsPage.Map(group);
        return group;
    }

    /// <summary>
    /// Registers the services the compliance routes use (the access log writer) and the retention service
    /// (<c>EcgBridge:Retention</c>, off unless <c>RawPayloadDays</c> is set).
    /// </summary>
    public static IServiceCollection AddEcgBridgeCompliance(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new ComplianceAccessLog(
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<EcgBridgeHostOptions>>().Value.DataDir, sp.GetRequiredService<TimeProvider>()));
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RetentionService>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionService>());
        return services;
    }
}

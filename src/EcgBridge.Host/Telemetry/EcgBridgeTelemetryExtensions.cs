using System.Reflection;
using EcgBridge.Core.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace EcgBridge.Host.Telemetry;

/// <summary>Registers OpenTelemetry traces, metrics (and, with OTLP, logs) for the EcgBridge host.</summary>
public static class EcgBridgeTelemetryExtensions
{
    /// <summary>MassTransit's own activity source and meter (send, receive, consume spans; bus metrics).</summary>
    public const string MassTransitSource = "MassTransit";

    /// <summary>
    /// Adds the pipeline when an OTLP endpoint is configured (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c> or
    /// <c>EcgBridge:Telemetry:OtlpEndpoint</c>) or <c>EcgBridge:Telemetry:Enabled</c> is true; otherwise adds nothing,
    /// so an embedded run collects and prints no telemetry. Spans and metrics come from the EcgBridge source and meter,
    /// MassTransit, and ASP.NET Core (without query strings or concrete paths).
    /// </summary>
    public static IHostApplicationBuilder AddEcgBridgeTelemetry(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<TelemetryOptions>()
            .BindConfiguration(TelemetryOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        var options = new TelemetryOptions();
        builder.Configuration.GetSection(TelemetryOptions.SectionName).Bind(options);
        bool standardOtlp = !string.IsNullOrWhiteSpace(builder.Configuration[TelemetryOptions.StandardEndpointVariable]);
        bool ownOtlp = !string.IsNullOrWhiteSpace(options.OtlpEndpoint);
        if (!standardOtlp && !ownOtlp && !options.Enabled)
        {
            return builder;
        }

        string? version = typeof(EcgBridgeTelemetryExtensions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        OpenTelemetryBuilder telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(options.ServiceName, serviceVersion: version))
            .WithTracing(tracing => tracing
                // First processor, so every exporter added later sees scrubbed spans.
                .AddProcessor(new PhiSafeActivityProcessor())
                .AddSource(EcgBridgeDiagnostics.Name, MassTransitSource)
                .AddAspNetCoreInstrumentation(aspNet =>
                {
                    aspNet.RecordException = false;
                    aspNet.EnrichWithHttpRequest = (activity, _) => PhiSafeActivityProcessor.Scrub(activity);
                    aspNet.EnrichWithHttpResponse = (activity, _) => PhiSafeActivityProcessor.Scrub(activity);
                }))
            .WithMetrics(metrics => metrics
                .AddMeter(EcgBridgeDiagnostics.Name, MassTransitSource)
                .AddAspNetCoreInstrumentation());
        if (ownOtlp)
        {
            OtlpExportProtocol protocol = options.OtlpProtocol == "http/protobuf" ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
            telemetry.WithLogging().UseOtlpExporter(protocol, new Uri(options.OtlpEndpoint!));
        }
        else if (standardOtlp)
        {
            telemetry.WithLogging().UseOtlpExporter();
        }

        builder.Services.AddHostedService<TelemetrySampler>();
        return builder;
    }
}

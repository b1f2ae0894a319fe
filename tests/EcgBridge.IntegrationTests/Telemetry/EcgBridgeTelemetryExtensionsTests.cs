using EcgBridge.Host.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace EcgBridge.IntegrationTests.Telemetry;

public sealed class EcgBridgeTelemetryExtensionsTests
{
    [Fact]
    public void Registers_no_pipeline_when_no_endpoint_is_configured()
    {
        IServiceCollection registrations = Register([]);
        using ServiceProvider services = registrations.BuildServiceProvider();

        Assert.Null(services.GetService<TracerProvider>());
        Assert.Null(services.GetService<MeterProvider>());
        Assert.DoesNotContain(registrations, d => d.ImplementationType == typeof(TelemetrySampler));
    }

    [Theory]
    [InlineData("EcgBridge:Telemetry:OtlpEndpoint", "http://127.0.0.1:4317")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318")]
    [InlineData("EcgBridge:Telemetry:Enabled", "true")]
    public void Registers_traces_metrics_and_the_sampler_when_asked(string key, string value)
    {
        IServiceCollection registrations = Register(new Dictionary<string, string?> { [key] = value });
        using ServiceProvider services = registrations.BuildServiceProvider();

        Assert.NotNull(services.GetService<TracerProvider>());
        Assert.NotNull(services.GetService<MeterProvider>());
        Assert.Contains(registrations, d => d.ImplementationType == typeof(TelemetrySampler));
    }

    private static IServiceCollection Register(Dictionary<string, string?> settings)
    {
        // No defaults: the machine's own OTEL_* variables must not decide the outcome.
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddEcgBridgeTelemetry();
        return builder.Services;
    }
}

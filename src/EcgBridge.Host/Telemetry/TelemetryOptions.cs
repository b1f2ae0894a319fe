using System.ComponentModel.DataAnnotations;

namespace EcgBridge.Host.Telemetry;

/// <summary>
/// OpenTelemetry settings (<c>EcgBridge:Telemetry</c>). The pipeline runs when an OTLP endpoint is configured (here or
/// in the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>) or <see cref="Enabled"/> is set; otherwise nothing is collected.
/// </summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "EcgBridge:Telemetry";

    /// <summary>The standard OpenTelemetry variable; when set, every other OTEL_EXPORTER_OTLP_* variable applies too.</summary>
    public const string StandardEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>OTLP collector address, for example <c>http://otel-collector:4317</c>.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>OTLP protocol with <see cref="OtlpEndpoint"/>: <c>grpc</c> (default) or <c>http/protobuf</c>.</summary>
    [RegularExpression("^(grpc|http/protobuf)$")]
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>Collect traces and metrics even without an exporter (tests add their own, in memory).</summary>
    public bool Enabled { get; set; }

    /// <summary>How often queue depth and outbox backlog are sampled for their gauges.</summary>
    [Range(1, 3600)]
    public int SampleSeconds { get; set; } = 15;

    /// <summary><c>service.name</c> of the resource.</summary>
    [Required]
    public string ServiceName { get; set; } = "ecgbridge";
}

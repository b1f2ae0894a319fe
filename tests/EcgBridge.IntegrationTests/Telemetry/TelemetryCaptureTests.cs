using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace EcgBridge.IntegrationTests.Telemetry;

/// <summary>The canary's own check: the capture does see a marker when one is logged, put on a span or on a metric tag.</summary>
public sealed partial class TelemetryCaptureTests
{
    [Fact]
    public void Sees_a_marker_in_a_log_line_a_log_scope_and_an_exception()
    {
        var capture = new TelemetryCapture();
        using ILoggerFactory factory = LoggerFactory.Create(b => b.AddProvider(capture.Provider).SetMinimumLevel(LogLevel.Debug));
        ILogger logger = factory.CreateLogger("canary");

        Leak(logger, PhiMarkers.FamilyName, null);
        using (logger.BeginScope(new Dictionary<string, object?> { ["Patient"] = PhiMarkers.Mrn }))
        {
            Leak(logger, "nothing", null);
        }

        var parserError = new FormatException("bad sample " + PhiMarkers.SampleText);
        Leak(logger, "nothing", parserError);

        List<string> seen = capture.Sightings(PhiMarkers.All);
        Assert.Contains(seen, s => s.StartsWith(PhiMarkers.FamilyName, StringComparison.Ordinal));
        Assert.Contains(seen, s => s.StartsWith(PhiMarkers.Mrn, StringComparison.Ordinal));
        Assert.Contains(seen, s => s.StartsWith(PhiMarkers.SampleText, StringComparison.Ordinal));
    }

    [Fact]
    public void Sees_a_marker_in_a_span_attribute_event_and_status_and_in_a_metric_tag()
    {
        var capture = new TelemetryCapture();
        using var source = new ActivitySource("canary-selfcheck");
        using var meter = new Meter("canary-selfcheck");
        Counter<long> counter = meter.CreateCounter<long>("canary.count");
        using (TracerProvider tracing = Sdk.CreateTracerProviderBuilder().AddSource(source.Name).AddInMemoryExporter(capture.Activities).Build())
        using (MeterProvider metrics = Sdk.CreateMeterProviderBuilder().AddMeter(meter.Name).AddInMemoryExporter(capture.Metrics).Build())
        {
            using (Activity? activity = source.StartActivity("leaky"))
            {
                activity?.SetTag("patient.birth_date", PhiMarkers.BirthDateHl7);
                activity?.AddEvent(new ActivityEvent("parse", tags: new ActivityTagsCollection { ["detail"] = PhiMarkers.City }));
                activity?.SetStatus(ActivityStatusCode.Error, "name " + PhiMarkers.GivenName.ToLowerInvariant());
            }

            counter.Add(1, new KeyValuePair<string, object?>("street", PhiMarkers.Street));
            metrics.ForceFlush();
        }

        List<string> seen = capture.Sightings(PhiMarkers.All);
        Assert.Contains(seen, s => s.StartsWith(PhiMarkers.BirthDateHl7, StringComparison.Ordinal));
        Assert.Contains(seen, s => s.StartsWith(PhiMarkers.City, StringComparison.Ordinal));
        Assert.Contains(seen, s => s.StartsWith(PhiMarkers.GivenName, StringComparison.Ordinal));
        Assert.Contains(seen, s => s.StartsWith("MARIGOLDSTRASSE", StringComparison.Ordinal) && s.Contains("metric:", StringComparison.Ordinal));
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Value {Value}")]
    private static partial void Leak(ILogger logger, string value, Exception? exception);
}

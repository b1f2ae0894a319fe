using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace EcgBridge.IntegrationTests.Telemetry;

/// <summary>
/// Collects everything the host emits: every log line (formatted message, structured values, scopes, exception text),
/// every span (name, attributes, events with their attributes, links, status description) and every metric point
/// (name, tag keys and values), as plain texts to search.
/// </summary>
internal sealed class TelemetryCapture
{
    private readonly ConcurrentQueue<string> _logs = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public List<Activity> Activities { get; } = [];

    public List<MetricSnapshot> Metrics { get; } = [];

    public int LogCount => _logs.Count;

    /// <summary>The logger provider that writes into this capture.</summary>
    public ILoggerProvider Provider => new CaptureProvider(this);

    /// <summary>Adds the log provider (everything from Debug up, except ASP.NET Core below Warning, as the host configures it) and in-memory exporters.</summary>
    public void Attach(WebApplicationBuilder builder)
    {
        builder.Logging.AddProvider(Provider);
        builder.Logging.AddFilter<CaptureProvider>(null, LogLevel.Debug);
        builder.Logging.AddFilter<CaptureProvider>("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Activities));
        builder.Services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(Metrics));
    }

    /// <summary>Every captured item as "kind: text".</summary>
    public IEnumerable<string> Texts()
    {
        foreach (string line in _logs)
        {
            yield return "log: " + line;
        }

        foreach (Activity activity in Activities)
        {
            var text = new StringBuilder("span: ").Append(activity.Source.Name).Append(" | ").Append(activity.DisplayName)
                .Append(" | ").Append(activity.OperationName).Append(" | status ").Append(activity.Status).Append(' ').Append(activity.StatusDescription);
            foreach (KeyValuePair<string, object?> tag in activity.TagObjects)
            {
                text.Append(" | ").Append(tag.Key).Append('=').Append(Flatten(tag.Value));
            }

            foreach (ActivityEvent e in activity.Events)
            {
                text.Append(" | event ").Append(e.Name);
                foreach (KeyValuePair<string, object?> tag in e.Tags)
                {
                    text.Append(' ').Append(tag.Key).Append('=').Append(Flatten(tag.Value));
                }
            }

            foreach (KeyValuePair<string, string?> baggage in activity.Baggage)
            {
                text.Append(" | baggage ").Append(baggage.Key).Append('=').Append(baggage.Value);
            }

            yield return text.ToString();
        }

        foreach (MetricSnapshot metric in Metrics)
        {
            foreach (MetricPoint point in metric.MetricPoints)
            {
                var text = new StringBuilder("metric: ").Append(metric.MeterName).Append(" | ").Append(metric.Name).Append(" | ").Append(metric.Unit);
                foreach (KeyValuePair<string, object?> tag in point.Tags)
                {
                    text.Append(" | ").Append(tag.Key).Append('=').Append(Flatten(tag.Value));
                }

                yield return text.ToString();
            }
        }
    }

    /// <summary>Captured texts containing any of <paramref name="markers"/> (case-insensitive), with the marker found.</summary>
    public List<string> Sightings(IEnumerable<string> markers)
    {
        string[] all = markers.ToArray();
        var found = new List<string>();
        foreach (string text in Texts())
        {
            foreach (string marker in all)
            {
                if (text.Contains(marker, StringComparison.OrdinalIgnoreCase))
                {
                    found.Add(marker + " in " + (text.Length > 600 ? text[..600] + "…" : text));
                }
            }
        }

        return found;
    }

    internal static string Flatten(object? value) => value switch
    {
        null => "",
        string s => s,
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        System.Collections.IEnumerable items => string.Join(",", items.Cast<object?>().Select(Flatten)),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>Logger provider feeding the capture (public so logging filters can name it).</summary>
    public sealed class CaptureProvider(TelemetryCapture capture) : ILoggerProvider, ISupportExternalScope
    {
        public ILogger CreateLogger(string categoryName) => new CaptureLogger(capture, categoryName);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => capture._scopes = scopeProvider;

        public void Dispose()
        {
        }
    }

    private sealed class CaptureLogger(TelemetryCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => capture._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = new StringBuilder().Append(logLevel).Append(' ').Append(category).Append('[').Append(eventId.Id).Append("] ")
                .Append(formatter(state, exception));
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (KeyValuePair<string, object?> value in values)
                {
                    line.Append(" | ").Append(value.Key).Append('=').Append(Flatten(value.Value));
                }
            }

            capture._scopes.ForEachScope(
                static (scope, builder) =>
                {
                    builder.Append(" | scope ").Append(scope is IEnumerable<KeyValuePair<string, object?>> pairs
                        ? string.Join(",", pairs.Select(p => p.Key + "=" + Flatten(p.Value)))
                        : Flatten(scope));
                },
                line);
            if (exception is not null)
            {
                line.Append(" | exception ").Append(exception);
            }

            capture._logs.Enqueue(line.ToString());
        }
    }
}

using System.Diagnostics;
using EcgBridge.Core.Issues;
using EcgBridge.Core.Telemetry;

namespace EcgBridge.Pipeline.Telemetry;

/// <summary>
/// Spans and counters of the ingest and scoring steps, in one place so every call site tags the same way: channel,
/// codes, outcome, exception type. Never a value from the message.
/// </summary>
internal static class PipelineTelemetry
{
    public const string MllpReceive = "mllp receive";
    public const string IngestHl7 = "ingest hl7v2";
    public const string IngestFhir = "ingest fhir";
    public const string IngestFile = "ingest file";
    public const string Decode = "decode";
    public const string Normalize = "normalize";
    public const string Score = "score";
    public const string Record = "record";
    public const string Deliver = "outbox deliver";

    public static Activity? Start(string name, string? channel, ActivityKind kind = ActivityKind.Internal)
    {
        Activity? activity = EcgBridgeDiagnostics.ActivitySource.StartActivity(name, kind);
        if (activity is not null && channel is not null)
        {
            activity.SetTag(TelemetryTags.Channel, channel);
        }

        return activity;
    }

    public static void Received(string channel) =>
        PipelineMetrics.Received.Add(1, new KeyValuePair<string, object?>(TelemetryTags.Channel, channel));

    public static void Accepted(Activity? activity, string channel)
    {
        activity?.SetTag(TelemetryTags.Outcome, "accepted");
        PipelineMetrics.Accepted.Add(1, new KeyValuePair<string, object?>(TelemetryTags.Channel, channel));
    }

    public static void Duplicate(string channel)
    {
        Activity.Current?.SetTag(TelemetryTags.Outcome, "duplicate");
        PipelineMetrics.Duplicate.Add(1, new KeyValuePair<string, object?>(TelemetryTags.Channel, channel));
    }

    /// <summary>Counts one rejected message under its first error code; the span gets all codes and an error status.</summary>
    public static void Rejected(Activity? activity, string channel, string step, IReadOnlyList<Issue> issues)
    {
        string? first = null;
        var codes = new List<string>();
        foreach (Issue issue in issues)
        {
            if (issue.IsError && !codes.Contains(issue.Code))
            {
                first ??= issue.Code;
                codes.Add(issue.Code);
            }
        }

        Rejected(activity, channel, step, first, codes);
    }

    /// <summary>As above, for codes already collected.</summary>
    public static void Rejected(Activity? activity, string channel, string step, string? first, IReadOnlyList<string> codes)
    {
        string joined = string.Join(',', codes);
        if (activity is not null)
        {
            activity.SetTag(TelemetryTags.Outcome, "rejected");
            activity.SetTag(TelemetryTags.ErrorCodes, joined);
            activity.SetStatus(ActivityStatusCode.Error, joined);
        }

        PipelineMetrics.Rejected.Add(
            1,
            new KeyValuePair<string, object?>(TelemetryTags.Channel, channel),
            new KeyValuePair<string, object?>(TelemetryTags.Step, step),
            new KeyValuePair<string, object?>(TelemetryTags.ErrorCode, first ?? "none"));
    }

    /// <summary>Marks a step span failed with the codes of its error issues (no locations: they are on the answer).</summary>
    public static void MarkIssues(Activity? activity, IReadOnlyList<Issue> issues)
    {
        if (activity is null)
        {
            return;
        }

        var codes = new List<string>();
        foreach (Issue issue in issues)
        {
            if (issue.IsError && !codes.Contains(issue.Code))
            {
                codes.Add(issue.Code);
            }
        }

        string joined = string.Join(',', codes);
        activity.SetTag(TelemetryTags.ErrorCodes, joined);
        activity.SetStatus(ActivityStatusCode.Error, joined);
    }

    /// <summary>An infrastructure fault: the exception's type only (its message may quote the input).</summary>
    public static void Failed(Activity? activity, string channel, Exception exception)
    {
        string type = exception.GetType().Name;
        if (activity is not null)
        {
            activity.SetTag(TelemetryTags.Outcome, "failed");
            activity.SetTag(TelemetryTags.ErrorType, type);
            activity.SetStatus(ActivityStatusCode.Error, type);
        }

        PipelineMetrics.Failed.Add(
            1,
            new KeyValuePair<string, object?>(TelemetryTags.Channel, channel),
            new KeyValuePair<string, object?>(TelemetryTags.ErrorType, type));
    }
}

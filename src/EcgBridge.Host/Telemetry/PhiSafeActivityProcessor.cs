using System.Diagnostics;
using OpenTelemetry;

namespace EcgBridge.Host.Telemetry;

/// <summary>
/// Last line before any exporter: removes URL parts that can carry patient data. A FHIR search
/// (<c>?subject=Patient/123</c>) puts a patient identifier in the query, and an unknown path may hold one too, so
/// server spans keep the route template (<c>http.route</c>) and never the concrete query or path.
/// </summary>
internal sealed class PhiSafeActivityProcessor : BaseProcessor<Activity>
{
    private const string UrlQuery = "url.query";
    private const string UrlPath = "url.path";
    private const string UrlFull = "url.full";
    private const string LegacyUrl = "http.url";
    private const string LegacyTarget = "http.target";

    /// <inheritdoc />
    public override void OnEnd(Activity data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Scrub(data);
    }

    /// <summary>Drops the query and path attributes (also used as the ASP.NET Core instrumentation's enrich hook).</summary>
    public static void Scrub(Activity activity)
    {
        activity.SetTag(UrlQuery, null);
        activity.SetTag(LegacyTarget, null);
        if (activity.GetTagItem(UrlPath) is not null && activity.Kind == ActivityKind.Server)
        {
            activity.SetTag(UrlPath, null);
        }

        foreach (string key in (string[])[UrlFull, LegacyUrl])
        {
            if (activity.GetTagItem(key) is string url)
            {
                int cut = url.AsSpan().IndexOfAny('?', '#');
                activity.SetTag(key, cut < 0 ? url : url[..cut]);
            }
        }
    }
}

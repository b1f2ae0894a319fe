using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EcgBridge.Host.Health;

/// <summary><c>GET /health</c>: the overall status and each check's status, description and figures, as JSON.</summary>
internal static class HealthJson
{
    public static async Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(http.Response.Body);
        writer.WriteStartObject();
        writer.WriteString("status", report.Status.ToString());
        writer.WriteStartObject("checks");
        foreach ((string name, HealthReportEntry entry) in report.Entries)
        {
            writer.WriteStartObject(name);
            writer.WriteString("status", entry.Status.ToString());
            if (entry.Description is not null)
            {
                writer.WriteString("description", entry.Description);
            }

            if (entry.Data.Count > 0)
            {
                writer.WriteStartObject("data");
                foreach ((string key, object value) in entry.Data)
                {
                    switch (value)
                    {
                        case double d when double.IsFinite(d):
                            writer.WriteNumber(key, d);
                            break;
                        case int or long:
                            writer.WriteNumber(key, Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                            break;
                        case bool b:
                            writer.WriteBoolean(key, b);
                            break;
                        default:
                            writer.WriteString(key, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
                            break;
                    }
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        await writer.FlushAsync(http.RequestAborted).ConfigureAwait(false);
    }
}

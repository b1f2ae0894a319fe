using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EcgBridge.Fhir;
using EcgBridge.Fhir.Serialization;
using Microsoft.Net.Http.Headers;

namespace EcgBridge.Host.Http;

/// <summary>
/// What a FHIR client gets back: the format it asked for (<c>_format</c>, else <c>Accept</c>; JSON by default), and the
/// resource's version and last update in <c>meta</c> and the ETag.
/// </summary>
internal static class FhirFormats
{
    public const string JsonContentType = "application/fhir+json; charset=utf-8";
    public const string XmlContentType = "application/fhir+xml; charset=utf-8";

    /// <summary>Every stored resource is immutable: version 1 for ever.</summary>
    public const string VersionId = "1";

    /// <summary>The weak ETag of <see cref="VersionId"/>.</summary>
    public const string ETag = "W/\"1\"";

    /// <summary>
    /// The format negotiated from <c>_format</c> (which wins) or <c>Accept</c>, or null when neither can be served (406).
    /// </summary>
    public static FhirFormat? Negotiate(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Query.TryGetValue("_format", out var format))
        {
            return FromMediaType(format.FirstOrDefault());
        }

        IList<MediaTypeHeaderValue> accept = request.GetTypedHeaders().Accept;
        if (accept.Count == 0)
        {
            return FhirFormat.Json;
        }

        foreach (MediaTypeHeaderValue range in accept.OrderByDescending(x => x.Quality ?? 1.0))
        {
            if (range.Quality is 0)
            {
                continue;
            }

            if (FromMediaType(range.MediaType.Value) is { } chosen)
            {
                return chosen;
            }
        }

        return null;
    }

    /// <summary>The content type of a format.</summary>
    public static string ContentType(FhirFormat format) => format == FhirFormat.Xml ? XmlContentType : JsonContentType;

    /// <summary>
    /// A stored resource as served: <c>meta.versionId</c> and <c>meta.lastUpdated</c> set (when known), in the format given.
    /// </summary>
    public static byte[] Represent(string json, DateTimeOffset? lastUpdated, FhirFormat format)
    {
        JsonObject resource = JsonNode.Parse(json)?.AsObject() ?? throw new FormatException("Not a JSON object.");
        WithMeta(resource, lastUpdated);
        byte[] bytes = JsonSerializer.SerializeToUtf8Bytes(resource);
        return Render(bytes, format);
    }

    /// <summary>Sets <c>meta.versionId</c> and <c>meta.lastUpdated</c> on a resource, keeping the rest of its meta.</summary>
    public static void WithMeta(JsonObject resource, DateTimeOffset? lastUpdated)
    {
        ArgumentNullException.ThrowIfNull(resource);
        JsonObject meta = resource["meta"] as JsonObject ?? [];
        resource.Remove("meta");
        var ordered = new JsonObject { ["versionId"] = VersionId };
        if (lastUpdated is { } at)
        {
            ordered["lastUpdated"] = Instant(at);
        }

        foreach (KeyValuePair<string, JsonNode?> pair in meta.ToList())
        {
            if (pair.Key is not "versionId" and not "lastUpdated")
            {
                meta.Remove(pair.Key);
                ordered[pair.Key] = pair.Value;
            }
        }

        // meta goes right after resourceType and id, where FHIR serializers put it.
        var copy = resource.ToList();
        resource.Clear();
        bool placed = false;
        foreach (KeyValuePair<string, JsonNode?> pair in copy)
        {
            if (!placed && pair.Key is not "resourceType" and not "id")
            {
                resource["meta"] = ordered;
                placed = true;
            }

            resource[pair.Key] = pair.Value;
        }

        if (!placed)
        {
            resource["meta"] = ordered;
        }
    }

    /// <summary>JSON bytes of a resource in the format given (re-serialized by Firely for XML).</summary>
    public static byte[] Render(byte[] json, FhirFormat format) =>
        format == FhirFormat.Xml ? Encoding.UTF8.GetBytes(FhirSerializer.JsonToXml(json)) : json;

    /// <summary>FHIR instant (UTC, milliseconds).</summary>
    public static string Instant(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static FhirFormat? FromMediaType(string? value)
    {
        string type = (value ?? "").Split(';', 2)[0].Trim().ToUpperInvariant();
        return type switch
        {
            "JSON" or "APPLICATION/FHIR+JSON" or "APPLICATION/JSON" or "APPLICATION/JSON+FHIR" or "*/*" or "APPLICATION/*" => FhirFormat.Json,
            "XML" or "APPLICATION/FHIR+XML" or "APPLICATION/XML" or "TEXT/XML" or "APPLICATION/XML+FHIR" => FhirFormat.Xml,
            _ => null,
        };
    }
}

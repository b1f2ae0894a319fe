using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EcgBridge.Audit;
using EcgBridge.Compliance;
using EcgBridge.Core.Audit;
using Microsoft.Extensions.Options;

namespace EcgBridge.Host.Http;

/// <summary>
/// <c>GET /fhir/RiskAssessment?…</c>: a searchset with keyset paging (<c>self</c>, <c>first</c>, <c>previous</c>,
/// <c>next</c>, <c>last</c> links carrying an opaque MAC'd <c>_cursor</c>), <c>_count</c> up to <see cref="MaxCount"/>,
/// <c>_sort=-date|date</c>, and unknown parameters handled per <c>Prefer: handling</c>.
/// </summary>
internal static class RiskAssessmentSearchEndpoint
{
    public const int DefaultCount = 50;
    public const int MaxCount = 1000;

    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "subject", "subject:identifier", "patient", "date", "_count", "_sort", "_cursor", "_format",
    };

    public static async Task<IResult> SearchAsync(
        HttpContext http,
        IRiskAssessmentStore store,
        ComplianceAccessLog accessLog,
        PatientIdHasher hasher,
        IOptions<EcgBridgeHostOptions> options,
        CancellationToken cancellationToken)
    {
        if (FhirFormats.Negotiate(http.Request) is not { } format)
        {
            return FhirResults.NotAcceptable();
        }

        IQueryCollection query = http.Request.Query;
        bool strict = http.Request.Headers["Prefer"].Any(x => x is not null && x.Contains("handling=strict", StringComparison.OrdinalIgnoreCase));
        foreach (string name in query.Keys)
        {
            if (!Known.Contains(name) && strict)
            {
                return FhirResults.Outcome(StatusCodes.Status400BadRequest, "not-supported", Pipeline.HostCodes.SearchParameterUnknown, name, format);
            }
        }

        if (!TryRead(query, out RiskAssessmentSearch? search, out string? invalid))
        {
            return FhirResults.Outcome(StatusCodes.Status400BadRequest, "invalid", Pipeline.HostCodes.SearchParameterInvalid, invalid, format);
        }

        string filter = SearchCursor.Fingerprint(search);
        DateTimeOffset now = DateTimeOffset.UtcNow;
        if (query.TryGetValue("_cursor", out var cursorText))
        {
            if (!SearchCursor.TryDecode(hasher, cursorText.FirstOrDefault(), filter, now, out RiskAssessmentKey? position, out bool backward))
            {
                return FhirResults.Outcome(StatusCodes.Status400BadRequest, "invalid", Pipeline.HostCodes.SearchCursorInvalid, "_cursor", format);
            }

            search = search with { Position = position, Backward = backward };
        }

        RiskAssessmentPage page = await store.SearchRiskAssessmentsAsync(search, cancellationToken).ConfigureAwait(false);

        // The subject is a patient identifier: the access log keeps its keyed hash, never the value.
        string? subjectKey = search.Subject ?? search.SubjectIdentifierValue;
        await accessLog.RecordAsync(
            http.User, "fhir-search", "RiskAssessment?" + (subjectKey is null ? "" : "subject=<hash>&") + "_count=" + search.Count.ToString(CultureInfo.InvariantCulture),
            hasher.Hash(subjectKey), page.Items.Count, null, cancellationToken).ConfigureAwait(false);

        string baseUrl = FhirBase.Of(http, options.Value);
        string searchUrl = baseUrl + "/RiskAssessment?" + Canonical(query, search);
        string Link(RiskAssessmentKey? key, bool back) =>
            searchUrl + "&_cursor=" + SearchCursor.Encode(hasher, key, back, filter, now);

        var links = new List<(string Relation, string Url)>
        {
            ("self", query.ContainsKey("_cursor") ? searchUrl + "&_cursor=" + Uri.EscapeDataString(cursorText.ToString()) : searchUrl),
        };
        if (search.Count > 0)
        {
            links.Add(("first", searchUrl));
            if (page.HasPrevious && page.Items.Count > 0)
            {
                links.Add(("previous", Link(RiskAssessmentPage.KeyOf(page.Items[0]), back: true)));
            }

            if (page.HasNext && page.Items.Count > 0)
            {
                links.Add(("next", Link(RiskAssessmentPage.KeyOf(page.Items[^1]), back: false)));
            }

            links.Add(("last", Link(null, back: true)));
        }

        var bundle = new JsonObject
        {
            ["resourceType"] = "Bundle",
            ["meta"] = new JsonObject { ["lastUpdated"] = FhirFormats.Instant(now) },
            ["type"] = "searchset",
            ["total"] = page.Total,
            ["link"] = new JsonArray([.. links.Select(x => (JsonNode)new JsonObject { ["relation"] = x.Relation, ["url"] = x.Url })]),
        };
        if (page.Items.Count > 0)
        {
            var entries = new JsonArray();
            foreach (RiskAssessmentDocument document in page.Items)
            {
                JsonObject resource = JsonNode.Parse(document.Json)!.AsObject();
                FhirFormats.WithMeta(resource, document.LastUpdated);
                entries.Add(new JsonObject
                {
                    ["fullUrl"] = baseUrl + "/RiskAssessment/" + document.Id,
                    ["resource"] = resource,
                    ["search"] = new JsonObject { ["mode"] = "match" },
                });
            }

            bundle["entry"] = entries;
        }

        return new BodyResult(StatusCodes.Status200OK, FhirFormats.ContentType(format), FhirFormats.Render(JsonSerializer.SerializeToUtf8Bytes(bundle), format));
    }

    /// <summary>Reads the supported parameters; false with the offending parameter's name when one is malformed.</summary>
    internal static bool TryRead(IQueryCollection query, out RiskAssessmentSearch search, out string? invalid)
    {
        search = new RiskAssessmentSearch(null, null, null, null, DefaultCount);
        invalid = null;
        int count = DefaultCount;
        if (query.TryGetValue("_count", out var countText))
        {
            if (!int.TryParse(countText.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out count))
            {
                // Negative, fractional, empty, or larger than an int.
                invalid = "_count";
                return false;
            }

            count = Math.Min(count, MaxCount);
        }

        bool ascending = false;
        if (query.TryGetValue("_sort", out var sort))
        {
            switch (sort.FirstOrDefault())
            {
                case "-date":
                    break;
                case "date":
                    ascending = true;
                    break;
                default:
                    invalid = "_sort";
                    return false;
            }
        }

        DateTimeOffset? from = null;
        DateTimeOffset? before = null;
        foreach (string? date in query["date"])
        {
            if (date is null || !FhirDateSearch.TryApply(date, ref from, ref before))
            {
                invalid = "date";
                return false;
            }
        }

        string? subject = null;
        string? identifierValue = null;
        if ((query["subject"].FirstOrDefault() ?? query["patient"].FirstOrDefault()) is { } reference)
        {
            if (reference.Length == 0)
            {
                invalid = query.ContainsKey("subject") ? "subject" : "patient";
                return false;
            }

            // A bare id means Patient/<id> (the only subject type we write); a typed or absolute reference is taken as given.
            subject = reference.Contains('/', StringComparison.Ordinal) ? reference : "Patient/" + reference;
        }

        if (query["subject:identifier"].FirstOrDefault() is { } identifier)
        {
            int bar = identifier.IndexOf('|', StringComparison.Ordinal);
            if (identifier.Length == 0 || bar == identifier.Length - 1)
            {
                invalid = "subject:identifier";
                return false;
            }

            // system|value is exact; a value alone (or |value) matches under any system.
            if (bar > 0)
            {
                subject = identifier;
            }
            else
            {
                identifierValue = identifier[(bar + 1)..];
            }
        }

        search = new RiskAssessmentSearch(subject, identifierValue, from, before, count, ascending);
        return true;
    }

    // The recognised parameters, in a fixed order, with the _count actually used: what self/first/next links repeat.
    // Unknown parameters are left out (they were ignored).
    private static string Canonical(IQueryCollection query, RiskAssessmentSearch search)
    {
        var text = new StringBuilder();
        foreach (string name in (string[])["subject", "patient", "subject:identifier", "date", "_sort", "_format"])
        {
            foreach (string? value in query[name])
            {
                text.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value ?? "")).Append('&');
            }
        }

        return text.Append("_count=").Append(search.Count.ToString(CultureInfo.InvariantCulture)).ToString();
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using EcgBridge.Core.Audit;
using EcgBridge.Fhir;
using EcgBridge.TestSupport;
using Xunit.Abstractions;

namespace EcgBridge.IntegrationTests.Host;

/// <summary>The FHIR read side as a FHIR client uses it: paging to the end, search parameters, formats, versions, Device, Provenance.</summary>
public sealed class FhirConformanceTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_client_following_next_links_gets_every_RiskAssessment_once_while_new_ones_are_inserted()
    {
        // 1,200 in CI; EcgBridge__Bench__PagingRows=10000 for the figure in docs/benchmarks.md.
        int rows = int.TryParse(Environment.GetEnvironmentVariable("EcgBridge__Bench__PagingRows"), CultureInfo.InvariantCulture, out int n) ? n : 1200;
        await using RunningHost host = await RunningHost.StartAsync(new Dictionary<string, string?>());
        var day = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (int i = 0; i < rows; i++)
        {
            // Every 7th without an occurrence, and runs of equal occurrences: the order has ties and nulls.
            DateTimeOffset? occurrence = i % 7 == 0 ? null : day.AddMinutes(i / 3);
            await host.Store.RecordScoredAsync(AuditSamples.Scored("page-" + i), [], AuditSamples.RiskAssessment("ra-" + i.ToString("D6", CultureInfo.InvariantCulture), "Patient/p1", occurrence), default);
        }

        var seen = new List<string>();
        string? next = "fhir/RiskAssessment?subject=p1&_count=100&_sort=-date";
        int pages = 0;
        var clock = Stopwatch.StartNew();
        while (next is not null)
        {
            using JsonDocument bundle = await GetJsonAsync(host, next);
            pages++;
            Assert.Equal(rows + (2 * (pages - 1)), bundle.RootElement.GetProperty("total").GetInt32());
            if (bundle.RootElement.TryGetProperty("entry", out JsonElement entries))
            {
                seen.AddRange(entries.EnumerateArray().Select(e => e.GetProperty("resource").GetProperty("id").GetString()!));
            }

            // Results keep arriving, newer and older than the page being read.
            await host.Store.RecordScoredAsync(AuditSamples.Scored("late-a" + pages), [], AuditSamples.RiskAssessment("late-a" + pages, "Patient/p1", day.AddYears(1)), default);
            await host.Store.RecordScoredAsync(AuditSamples.Scored("late-b" + pages), [], AuditSamples.RiskAssessment("late-b" + pages, "Patient/p1", day.AddYears(-1)), default);
            next = Link(bundle, "next");
        }

        clock.Stop();
        output.WriteLine($"{rows} rows, {pages} pages of 100: {clock.Elapsed.TotalMilliseconds / pages:F1} ms per page (with two inserts per page)");
        List<string> original = seen.Where(x => x.StartsWith("ra-", StringComparison.Ordinal)).ToList();
        Assert.Equal(rows, original.Count);
        Assert.Equal(rows, original.Distinct().Count());
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task Search_parameters_are_checked_and_links_page_both_ways()
    {
        await using RunningHost host = await RunningHost.StartAsync(new Dictionary<string, string?>());
        var day = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);
        for (int i = 0; i < 12; i++)
        {
            await host.Store.RecordScoredAsync(AuditSamples.Scored("s-" + i), [], AuditSamples.RiskAssessment("s-" + i.ToString("D2", CultureInfo.InvariantCulture), i < 10 ? "Patient/p2" : "urn:oid:1.2.3|MRN-9", day.AddHours(i)), default);
        }

        using JsonDocument first = await GetJsonAsync(host, "fhir/RiskAssessment?subject=Patient/p2&_count=4&_sort=date&patient-name=x");
        Assert.Equal(10, first.RootElement.GetProperty("total").GetInt32());
        Assert.DoesNotContain("patient-name", Link(first, "self"), StringComparison.Ordinal);
        Assert.Null(Link(first, "previous"));
        Assert.Equal(["s-00", "s-01", "s-02", "s-03"], Ids(first));

        using JsonDocument last = await GetJsonAsync(host, Link(first, "last")!);
        Assert.Equal(["s-06", "s-07", "s-08", "s-09"], Ids(last));
        Assert.Null(Link(last, "next"));
        using JsonDocument beforeLast = await GetJsonAsync(host, Link(last, "previous")!);
        Assert.Equal(["s-02", "s-03", "s-04", "s-05"], Ids(beforeLast));

        using JsonDocument bare = await GetJsonAsync(host, "fhir/RiskAssessment?subject=p2&_count=0");
        Assert.Equal(10, bare.RootElement.GetProperty("total").GetInt32());
        using JsonDocument byIdentifier = await GetJsonAsync(host, "fhir/RiskAssessment?subject:identifier=MRN-9");
        Assert.Equal(["s-11", "s-10"], Ids(byIdentifier));
        using JsonDocument huge = await GetJsonAsync(host, "fhir/RiskAssessment?_count=50000");
        Assert.Contains("_count=1000", Link(huge, "self"), StringComparison.Ordinal);

        await AssertOutcomeAsync(host, "fhir/RiskAssessment?_count=-1", HttpStatusCode.BadRequest, "HOST-SEARCH-PARAMETER-INVALID");
        await AssertOutcomeAsync(host, "fhir/RiskAssessment?_sort=name", HttpStatusCode.BadRequest, "HOST-SEARCH-PARAMETER-INVALID");
        string tampered = Link(first, "next")!.Replace("_cursor=", "_cursor=A", StringComparison.Ordinal);
        await AssertOutcomeAsync(host, tampered, HttpStatusCode.BadRequest, "HOST-SEARCH-CURSOR-INVALID");
        string otherSearch = Link(first, "next")!.Replace("subject=Patient%2Fp2", "subject=Patient%2Fp3", StringComparison.Ordinal);
        await AssertOutcomeAsync(host, otherSearch, HttpStatusCode.BadRequest, "HOST-SEARCH-CURSOR-INVALID");
        using var strict = new HttpRequestMessage(HttpMethod.Get, new Uri("fhir/RiskAssessment?patient-name=x", UriKind.Relative));
        strict.Headers.Add("Prefer", "handling=strict");
        using HttpResponseMessage refused = await host.Http.SendAsync(strict);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("HOST-SEARCH-PARAMETER-UNKNOWN", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scored_RiskAssessment_is_read_as_JSON_or_XML_with_its_version_and_its_Device_and_Provenance_resolve()
    {
        await using RunningHost host = await RunningHost.StartAsync(new Dictionary<string, string?>());
        string controlId = "FC-" + Guid.NewGuid().ToString("N")[..12];
        Assert.Equal("AA", (await host.SendHl7Async(EcgMessages.Hl7(controlId))).Code);
        AuditEntry scored = await Poll.UntilAsync(
            async () =>
            {
                IReadOnlyList<AuditEntry> found = await host.AuditAsync(new AuditFilter { MessageId = controlId, Outcome = AuditOutcome.Scored });
                return found.Count > 0 ? found[0] : null;
            },
            TimeSpan.FromSeconds(90),
            "scored audit row");
        string path = "fhir/RiskAssessment/" + scored.RiskAssessmentId;

        using HttpResponseMessage json = await host.Http.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal("W/\"1\"", json.Headers.ETag?.ToString());
        using JsonDocument resource = JsonDocument.Parse(await json.Content.ReadAsStringAsync());
        JsonElement meta = resource.RootElement.GetProperty("meta");
        Assert.Equal("1", meta.GetProperty("versionId").GetString());
        Assert.True(DateTimeOffset.TryParse(meta.GetProperty("lastUpdated").GetString(), CultureInfo.InvariantCulture, out _));
        Assert.Equal("AIAST", meta.GetProperty("security")[0].GetProperty("code").GetString());

        using var xmlRequest = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        xmlRequest.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/fhir+xml"));
        using HttpResponseMessage xml = await host.Http.SendAsync(xmlRequest);
        Assert.Equal("application/fhir+xml", xml.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<RiskAssessment xmlns=\"http://hl7.org/fhir\">", await xml.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using HttpResponseMessage formatXml = await host.Http.GetAsync(new Uri(path + "?_format=xml", UriKind.Relative));
        Assert.Equal("application/fhir+xml", formatXml.Content.Headers.ContentType?.MediaType);

        using var cached = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        cached.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse("W/\"1\""));
        Assert.Equal(HttpStatusCode.NotModified, (await host.Http.SendAsync(cached)).StatusCode);
        using HttpResponseMessage head = await host.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, new Uri(path, UriKind.Relative)));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        using var text = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        text.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/plain"));
        using HttpResponseMessage notAcceptable = await host.Http.SendAsync(text);
        Assert.Equal(HttpStatusCode.NotAcceptable, notAcceptable.StatusCode);
        Assert.Contains("HOST-FORMAT-NOT-ACCEPTABLE", await notAcceptable.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The performer Device is readable, and its model card is served at the URL it names.
        string device = resource.RootElement.GetProperty("performer").GetProperty("reference").GetString()!;
        using JsonDocument deviceJson = await GetJsonAsync(host, "fhir/" + device);
        // AI Transparency on FHIR: the model-card extension references a (contained) DocumentReference whose attachment is the card.
        Assert.Equal(FhirSystems.ModelCardExtension, deviceJson.RootElement.GetProperty("extension")[0].GetProperty("url").GetString());
        Assert.Equal("#model-card", deviceJson.RootElement.GetProperty("extension")[0].GetProperty("valueReference").GetProperty("reference").GetString());
        string card = deviceJson.RootElement.GetProperty("contained")[0].GetProperty("content")[0].GetProperty("attachment").GetProperty("url").GetString()!;
        Assert.StartsWith("http://127.0.0.1:", card, StringComparison.Ordinal);
        using HttpResponseMessage cardResponse = await host.Http.GetAsync(new Uri(card));
        Assert.Equal(HttpStatusCode.OK, cardResponse.StatusCode);
        Assert.Contains("ECG-SMART-NET", await cardResponse.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);

        // The code systems it uses are served at their canonical URLs (under the service's FHIR base by default).
        foreach (JsonElement coding in resource.RootElement.GetProperty("prediction")[0].GetProperty("outcome").GetProperty("coding").EnumerateArray()
            .Concat(resource.RootElement.GetProperty("method").GetProperty("coding").EnumerateArray())
            .Where(c => c.GetProperty("system").GetString()!.StartsWith(FhirSystems.CanonicalBase, StringComparison.Ordinal)))
        {
            string system = coding.GetProperty("system").GetString()!;
            using JsonDocument codeSystem = await GetJsonAsync(host, "fhir/" + system[(FhirSystems.CanonicalBase.Length + 1)..]);
            Assert.Equal(system, codeSystem.RootElement.GetProperty("url").GetString());
        }

        using JsonDocument provenance = await GetJsonAsync(host, "fhir/Provenance?target=RiskAssessment/" + scored.RiskAssessmentId);
        JsonElement found = Assert.Single(provenance.RootElement.GetProperty("entry").EnumerateArray()).GetProperty("resource");
        Assert.Equal("RiskAssessment/" + scored.RiskAssessmentId, found.GetProperty("target")[0].GetProperty("reference").GetString());
        Assert.Equal(device, found.GetProperty("agent")[0].GetProperty("who").GetProperty("reference").GetString());
    }

    [Fact]
    public async Task Batch_and_transaction_are_answered_in_their_own_shape_and_a_copy_in_the_shape_it_was_sent_now()
    {
        await using RunningHost host = await RunningHost.StartAsync(new Dictionary<string, string?>());
        string run = Guid.NewGuid().ToString("N")[..8];
        string a = EcgMessages.FhirObservationJson("bt-a-" + run, "PB-" + run);
        string b = EcgMessages.FhirObservationJson("bt-b-" + run, "PB-" + run);

        using JsonDocument transaction = await PostBundleAsync(host, "transaction", a, b);
        Assert.Equal("transaction-response", transaction.RootElement.GetProperty("type").GetString());
        Assert.Equal(["202 Accepted", "202 Accepted"], Statuses(transaction));

        // The same two again in a batch, with a third, new one: each entry has its own status.
        string c = EcgMessages.FhirObservationJson("bt-c-" + run, "PB-" + run);
        using JsonDocument batch = await PostBundleAsync(host, "batch", a, c, b);
        Assert.Equal("batch-response", batch.RootElement.GetProperty("type").GetString());
        Assert.Equal(["200 OK", "202 Accepted", "200 OK"], Statuses(batch));

        // basis names the Observation by its identifier, not by the transaction's transient urn:uuid.
        // Each entry's location resolves from the start: the status endpoint (202 until scored, then the result).
        string location = transaction.RootElement.GetProperty("entry")[0].GetProperty("response").GetProperty("location").GetString()!;
        Assert.StartsWith("_status/", location, StringComparison.Ordinal);
        using (HttpResponseMessage first = await host.Http.GetAsync(new Uri("fhir/" + location, UriKind.Relative)))
        {
            Assert.Contains(first.StatusCode, (HttpStatusCode[])[HttpStatusCode.Accepted, HttpStatusCode.OK]);
        }

        using JsonDocument assessment = await Poll.UntilAsync(
            async () =>
            {
                using HttpResponseMessage read = await host.Http.GetAsync(new Uri("fhir/" + location, UriKind.Relative));
                return read.StatusCode == HttpStatusCode.OK ? JsonDocument.Parse(await read.Content.ReadAsStringAsync()) : null;
            },
            TimeSpan.FromSeconds(90),
            "RiskAssessment of the first entry");
        JsonElement basis = assessment.RootElement.GetProperty("basis")[0];
        Assert.False(basis.TryGetProperty("reference", out _));
        Assert.Equal("bt-a-" + run, basis.GetProperty("identifier").GetProperty("value").GetString());

        // The first entry POSTed alone once scored: a single answer (not the earlier Bundle) whose Location resolves.
        using var single = new StringContent(a, Encoding.UTF8);
        single.Headers.ContentType = new MediaTypeHeaderValue("application/fhir+json");
        using HttpResponseMessage alone = await host.Http.PostAsync(new Uri("fhir/Observation", UriKind.Relative), single);
        Assert.Equal(HttpStatusCode.OK, alone.StatusCode);
        using JsonDocument outcome = JsonDocument.Parse(await alone.Content.ReadAsStringAsync());
        Assert.Equal("OperationOutcome", outcome.RootElement.GetProperty("resourceType").GetString());
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync(alone.Headers.Location!)).StatusCode);
    }

    [Fact]
    public async Task A_new_ECG_is_answered_202_with_a_status_endpoint_that_gives_the_RiskAssessment_once_scored()
    {
        await using RunningHost host = await RunningHost.StartAsync(new Dictionary<string, string?>());
        string run = Guid.NewGuid().ToString("N")[..8];
        using var content = new StringContent(EcgMessages.FhirObservationJson("as-" + run, "PA-" + run), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/fhir+json");

        using HttpResponseMessage accepted = await host.Http.PostAsync(new Uri("fhir/Observation", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Null(accepted.Headers.Location);
        Uri status = accepted.Content.Headers.ContentLocation!;
        Assert.Contains("/fhir/_status/", status.ToString(), StringComparison.Ordinal);
        using JsonDocument result = await Poll.UntilAsync(
            async () =>
            {
                using HttpResponseMessage read = await host.Http.GetAsync(status);
                Assert.True(read.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted, read.StatusCode.ToString());
                if (read.StatusCode == HttpStatusCode.Accepted)
                {
                    Assert.Equal("1", read.Headers.GetValues("Retry-After").Single());
                    return null;
                }

                Assert.Contains("/fhir/RiskAssessment/", read.Content.Headers.ContentLocation!.ToString(), StringComparison.Ordinal);
                return JsonDocument.Parse(await read.Content.ReadAsStringAsync());
            },
            TimeSpan.FromSeconds(90),
            "status endpoint answers 200");
        Assert.Equal("RiskAssessment", result.RootElement.GetProperty("resourceType").GetString());
    }

    private static async Task<JsonDocument> PostBundleAsync(RunningHost host, string type, params string[] observations)
    {
        string entries = string.Join(",", observations.Select(o =>
            "{\"fullUrl\":\"urn:uuid:" + Guid.NewGuid() + "\",\"resource\":" + o + ",\"request\":{\"method\":\"POST\",\"url\":\"Observation\"}}"));
        using var content = new StringContent("{\"resourceType\":\"Bundle\",\"type\":\"" + type + "\",\"entry\":[" + entries + "]}", Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/fhir+json");
        using HttpResponseMessage response = await host.Http.PostAsync(new Uri("fhir", UriKind.Relative), content);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body);
    }

    private static string[] Statuses(JsonDocument bundle) =>
        [.. bundle.RootElement.GetProperty("entry").EnumerateArray().Select(e => e.GetProperty("response").GetProperty("status").GetString()!)];

    private static async Task<JsonDocument> GetJsonAsync(RunningHost host, string url)
    {
        using HttpResponseMessage response = await host.Http.GetAsync(new Uri(url, UriKind.RelativeOrAbsolute));
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} for {url}: {body}");
        return JsonDocument.Parse(body);
    }

    private static async Task AssertOutcomeAsync(RunningHost host, string url, HttpStatusCode status, string code)
    {
        using HttpResponseMessage response = await host.Http.GetAsync(new Uri(url, UriKind.RelativeOrAbsolute));
        Assert.Equal(status, response.StatusCode);
        Assert.Contains(code, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static string? Link(JsonDocument bundle, string relation) =>
        bundle.RootElement.GetProperty("link").EnumerateArray()
            .Where(x => x.GetProperty("relation").GetString() == relation)
            .Select(x => x.GetProperty("url").GetString())
            .FirstOrDefault();

    private static string[] Ids(JsonDocument bundle) =>
        bundle.RootElement.TryGetProperty("entry", out JsonElement entries)
            ? [.. entries.EnumerateArray().Select(e => e.GetProperty("resource").GetProperty("id").GetString()!)]
            : [];
}

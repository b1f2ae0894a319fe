using System.Text.Json;
using System.Text.Json.Nodes;
using EcgBridge.Compliance;
using EcgBridge.Core.Audit;
using EcgBridge.Core.Scoring;
using EcgBridge.Fhir;
using EcgBridge.Fhir.Outputs;
using EcgBridge.Fhir.Serialization;
using EcgBridge.Fhir.Validation;
using EcgBridge.Inference;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Options;

namespace EcgBridge.Host.Http;

/// <summary>
/// Reads of what the service writes: RiskAssessment by id (ETag, <c>If-None-Match</c>, HEAD), the model Device, the
/// Provenance of a RiskAssessment, the model card, the CapabilityStatement — JSON or XML as negotiated.
/// </summary>
internal static class FhirReadEndpoints
{
    /// <summary>Path of the model card, outside <c>/fhir</c>, readable without a token (it holds no patient data).</summary>
    public const string ModelCardPath = "/model-card";

    public static async Task<IResult> ReadRiskAssessmentAsync(
        string id, HttpContext http, IRiskAssessmentStore store, ComplianceAccessLog accessLog, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (FhirFormats.Negotiate(http.Request) is not { } format)
        {
            return FhirResults.NotAcceptable();
        }

        // What is served must be what the audit row bound: the stored JSON is re-hashed against the row's coverage hash.
        CoverageCheck check = await store.CheckRiskAssessmentAsync(id, cancellationToken).ConfigureAwait(false);
        bool found = check.Code != AuditCodes.CoverageNotFound;
        // Json is given only when the document matches its audit row (or predates coverage hashes).
        bool servable = check.Json is not null;
        string? failure = !found ? Pipeline.HostCodes.ResourceNotFound : servable ? null : check.Code;

        // Every read of a result is a read of patient data: recorded (who, what, when) before the answer leaves.
        await accessLog.RecordAsync(http.User, "fhir-read", "RiskAssessment/" + id, null, servable ? 1 : 0, failure, cancellationToken).ConfigureAwait(false);
        if (!found)
        {
            return FhirResults.Outcome(StatusCodes.Status404NotFound, "not-found", Pipeline.HostCodes.ResourceNotFound, "RiskAssessment.id", format);
        }

        if (!servable)
        {
            HostLog.CoverageRefused(loggers.CreateLogger("EcgBridge.Host.Fhir"), check.Code ?? "", check.AuditSequence ?? 0);
            Pipeline.Telemetry.DeliveryMetrics.CoverageRefusals.Add(1, new KeyValuePair<string, object?>(Core.Telemetry.TelemetryTags.ErrorCode, check.Code));
            return FhirResults.Outcome(StatusCodes.Status500InternalServerError, "exception", check.Code ?? Pipeline.HostCodes.ScoringFailed, "RiskAssessment", format);
        }

        return Versioned(http, FhirFormats.Represent(check.Json!, check.LastUpdated, format), format, check.LastUpdated);
    }

    public static IResult ReadDevice(string id, HttpContext http, IServiceProvider services, IOptions<EcgBridgeHostOptions> options)
    {
        if (FhirFormats.Negotiate(http.Request) is not { } format)
        {
            return FhirResults.NotAcceptable();
        }

        ModelIdentity? model = Models(services).Select(m => m.Identity).FirstOrDefault(m => ModelDeviceBuilder.DeviceId(m) == id);
        if (model is null)
        {
            return FhirResults.Outcome(StatusCodes.Status404NotFound, "not-found", Pipeline.HostCodes.ResourceNotFound, "Device.id", format);
        }

        return Versioned(http, FhirFormats.Represent(FhirSerializer.ToJson(DeviceOf(model, http, options.Value)), null, format), format, null);
    }

    /// <summary><c>GET /fhir/Device</c>: every model the service runs, the primary first, then the shadows (status preliminary in their results).</summary>
    public static IResult SearchDevices(HttpContext http, IServiceProvider services, IOptions<EcgBridgeHostOptions> options)
    {
        if (FhirFormats.Negotiate(http.Request) is not { } format)
        {
            return FhirResults.NotAcceptable();
        }

        string baseUrl = FhirBase.Of(http, options.Value);
        var entries = new JsonArray();
        foreach ((ModelIdentity identity, _) in Models(services))
        {
            Device device = DeviceOf(identity, http, options.Value);
            entries.Add(new JsonObject
            {
                ["fullUrl"] = baseUrl + "/Device/" + device.Id,
                ["resource"] = JsonNode.Parse(FhirSerializer.ToJson(device)),
                ["search"] = new JsonObject { ["mode"] = "match" },
            });
        }

        var bundle = new JsonObject
        {
            ["resourceType"] = "Bundle",
            ["type"] = "searchset",
            ["total"] = entries.Count,
            ["link"] = new JsonArray(new JsonObject { ["relation"] = "self", ["url"] = baseUrl + "/Device" }),
            ["entry"] = entries,
        };
        return new BodyResult(StatusCodes.Status200OK, FhirFormats.ContentType(format), FhirFormats.Render(JsonSerializer.SerializeToUtf8Bytes(bundle), format));
    }

    /// <summary>The primary model and the shadow models, with the folder of each (its MODEL_CARD.md).</summary>
    private static IEnumerable<(ModelIdentity Identity, string? Directory)> Models(IServiceProvider services)
    {
        IEcgScorer primary = services.GetRequiredService<IEcgScorer>();
        yield return (primary.Model, services.GetService<ModelManifest>()?.Directory);
        foreach (Inference.OnnxEcgScorer shadow in services.GetService<Inference.ShadowModels>()?.Loaded ?? [])
        {
            yield return (shadow.Model, shadow.Manifest.Directory);
        }
    }

    private static Device DeviceOf(ModelIdentity model, HttpContext http, EcgBridgeHostOptions options) =>
        ModelDeviceBuilder.Build(model, FhirBase.Root(http, options) + ModelCardPath + "/" + ModelDeviceBuilder.DeviceId(model));

    /// <summary>
    /// EcgBridge's code systems at their canonical URLs (when the canonical base is this service): outcome, model,
    /// error-codes. Anonymous: they describe codes, not patients.
    /// </summary>
    public static IResult ReadCodeSystem(string id, HttpContext http)
    {
        if (FhirFormats.Negotiate(http.Request) is not { } format)
        {
            return FhirResults.NotAcceptable();
        }

        CodeSystem? system = ConformanceResources.CodeSystems().FirstOrDefault(c => c.Id == id);
        return system is null
            ? FhirResults.Outcome(StatusCodes.Status404NotFound, "not-found", Pipeline.HostCodes.ResourceNotFound, "CodeSystem.id", format)
            : Versioned(http, FhirFormats.Represent(FhirSerializer.ToJson(system), null, format), format, null);
    }

    public static async Task<IResult> SearchProvenanceAsync(
        HttpContext http, IRiskAssessmentStore store, ComplianceAccessLog accessLog, IOptions<EcgBridgeHostOptions> options, CancellationToken cancellationToken)
    {
        if (FhirFormats.Negotiate(http.Request) is not { } format)
        {
            return FhirResults.NotAcceptable();
        }

        string? target = http.Request.Query["target"].FirstOrDefault();
        string baseUrl = FhirBase.Of(http, options.Value);
        if (target is not null && target.StartsWith(baseUrl + "/", StringComparison.Ordinal))
        {
            target = target[(baseUrl.Length + 1)..];
        }

        if (target is null || !target.StartsWith("RiskAssessment/", StringComparison.Ordinal) || target.Length == "RiskAssessment/".Length)
        {
            return FhirResults.Outcome(StatusCodes.Status400BadRequest, "invalid", Pipeline.HostCodes.SearchParameterInvalid, "target", format);
        }

        string id = target["RiskAssessment/".Length..];
        CoverageCheck check = await store.CheckRiskAssessmentAsync(id, cancellationToken).ConfigureAwait(false);
        bool servable = check.Json is not null;
        await accessLog.RecordAsync(http.User, "fhir-search", "Provenance?target=" + target, null, servable ? 1 : 0, null, cancellationToken).ConfigureAwait(false);
        var bundle = new JsonObject
        {
            ["resourceType"] = "Bundle",
            ["type"] = "searchset",
            ["total"] = servable ? 1 : 0,
            ["link"] = new JsonArray(new JsonObject { ["relation"] = "self", ["url"] = baseUrl + "/Provenance?target=" + Uri.EscapeDataString(target) }),
        };
        if (servable)
        {
            Provenance provenance = ProvenanceOf(id, check.Json!, check.LastUpdated ?? DateTimeOffset.UtcNow);
            JsonObject resource = JsonNode.Parse(FhirSerializer.ToJson(provenance))!.AsObject();
            FhirFormats.WithMeta(resource, check.LastUpdated);
            bundle["entry"] = new JsonArray(new JsonObject
            {
                ["fullUrl"] = baseUrl + "/Provenance/" + provenance.Id,
                ["resource"] = resource,
                ["search"] = new JsonObject { ["mode"] = "match" },
            });
        }

        return new BodyResult(StatusCodes.Status200OK, FhirFormats.ContentType(format), FhirFormats.Render(JsonSerializer.SerializeToUtf8Bytes(bundle), format));
    }

    /// <summary>The Provenance of a stored RiskAssessment: its performer Device as author, its basis as source.</summary>
    internal static Provenance ProvenanceOf(string id, string riskAssessmentJson, DateTimeOffset recorded)
    {
        JsonNode? root = JsonNode.Parse(riskAssessmentJson);
        string device = root?["performer"]?["reference"]?.GetValue<string>() ?? "Device/unknown";
        string? basis = root?["basis"]?[0]?["reference"]?.GetValue<string>();
        return ProvenanceBuilder.Build("RiskAssessment/" + id, device, basis, recorded, "RiskAssessment/" + id);
    }

    /// <summary><c>/model-card</c> (the primary's) or <c>/model-card/{deviceId}</c>: the model's MODEL_CARD.md.</summary>
    public static IResult ReadModelCard(IServiceProvider services, string? id = null)
    {
        string? directory = id is null
            ? services.GetService<ModelManifest>()?.Directory
            : Models(services).FirstOrDefault(m => ModelDeviceBuilder.DeviceId(m.Identity) == id).Directory;
        string? path = directory is null ? null : Path.Combine(directory, "MODEL_CARD.md");
        return path is not null && File.Exists(path)
            ? Results.File(path, "text/markdown; charset=utf-8")
            : FhirResults.Outcome(StatusCodes.Status404NotFound, "not-found", Pipeline.HostCodes.ResourceNotFound, "model-card");
    }

    public static IResult ReadCapabilityStatement(HttpContext http) =>
        FhirFormats.Negotiate(http.Request) is { } format
            ? new BodyResult(StatusCodes.Status200OK, FhirFormats.ContentType(format), FhirFormats.Render(CapabilityStatementJson.Bytes, format))
            : FhirResults.NotAcceptable();

    // Stored resources never change: version 1, a weak ETag, 304 when the client already holds it.
    private static IResult Versioned(HttpContext http, byte[] body, FhirFormat format, DateTimeOffset? lastUpdated)
    {
        http.Response.Headers.ETag = FhirFormats.ETag;
        if (lastUpdated is { } at)
        {
            http.Response.Headers.LastModified = at.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        }

        foreach (string? tag in http.Request.Headers.IfNoneMatch)
        {
            if (tag is not null && tag.Split(',').Select(x => x.Trim()).Any(x => x is "*" or "W/\"1\"" or "\"1\""))
            {
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }
        }

        return new BodyResult(StatusCodes.Status200OK, FhirFormats.ContentType(format), body);
    }
}

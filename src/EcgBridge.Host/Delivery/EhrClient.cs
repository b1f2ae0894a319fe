using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace EcgBridge.Host.Delivery;

/// <summary>
/// Delivers a result to the EHR as a transaction of conditional creates (Device, RiskAssessment, Provenance), or the
/// RiskAssessment alone as a conditional create (<c>If-None-Exist: identifier=system|value</c>), so a repeated delivery
/// after a crash never creates a second resource. Transient failures (network, 5xx, 408, 429) are
/// retried with exponential backoff and jitter (Polly 8); other 4xx are final.
/// </summary>
public sealed class EhrClient
{
    public const string HttpClientName = "ecgbridge-ehr";

    private readonly IHttpClientFactory _clients;
    private readonly EhrOptions _options;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    private readonly SmartBackendTokens _tokens;

    public EhrClient(IHttpClientFactory clients, IOptions<EhrOptions> options, SmartBackendTokens tokens)
    {
        ArgumentNullException.ThrowIfNull(options);
        _clients = clients;
        _tokens = tokens;
        _options = options.Value;
        _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(IsTransient),
                MaxRetryAttempts = Math.Max(1, _options.RetryAttempts),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(_options.RetryDelayMilliseconds),
                OnRetry = static args =>
                {
                    args.Outcome.Result?.Dispose();
                    return default;
                },
            })
            .AddTimeout(TimeSpan.FromSeconds(_options.TimeoutSeconds))
            .Build();
    }

    /// <summary>
    /// Delivers one result; never throws for HTTP or network failures. The payload is the transaction Bundle made at
    /// scoring (Device + RiskAssessment + Provenance), posted to the base URL, or — with <c>DeliverAs</c> =
    /// <c>resource</c>, and for rows queued before transactions — the RiskAssessment alone as a conditional create.
    /// </summary>
    public async Task<EhrDeliveryResult> DeliverRiskAssessmentAsync(string payload, CancellationToken cancellationToken)
    {
        if (!_options.Configured)
        {
            return new EhrDeliveryResult(EhrDeliveryStatus.Refused, null);
        }

        (Uri target, string body, string? condition) = Shape(payload, new Uri(_options.BaseUrl!.TrimEnd('/') + "/"), _options.DeliverAs);
        HttpClient client = _clients.CreateClient(HttpClientName);
        for (int attempt = 0; ; attempt++)
        {
            EhrDeliveryResult result = await SendOnceAsync(client, target, body, condition, cancellationToken).ConfigureAwait(false);
            if (result.HttpStatus != 401 || attempt > 0)
            {
                return result;
            }

            // A 401 with a cached token: it was revoked or expired early. One fresh token, then the answer stands.
            _tokens.Invalidate();
        }
    }

    /// <summary>
    /// Where and what to post, from one parse of the payload: a transaction Bundle to the base; otherwise (a row queued
    /// before transactions, or <c>DeliverAs</c> = <c>resource</c>) the RiskAssessment alone to <c>RiskAssessment</c>
    /// with <c>If-None-Exist</c> on its first identifier.
    /// </summary>
    private static (Uri Target, string Body, string? Condition) Shape(string payload, Uri baseUri, EhrDeliveryShape shape)
    {
        using JsonDocument document = JsonDocument.Parse(payload);
        JsonElement root = document.RootElement;
        bool bundle = root.TryGetProperty("resourceType", out JsonElement type) && type.GetString() == "Bundle";
        if (bundle && shape == EhrDeliveryShape.Transaction)
        {
            return (baseUri, payload, null);
        }

        JsonElement assessment = bundle
            ? root.GetProperty("entry").EnumerateArray().Select(e => e.GetProperty("resource"))
                .First(r => r.GetProperty("resourceType").GetString() == "RiskAssessment")
            : root;
        return (new Uri(baseUri, "RiskAssessment"), bundle ? assessment.GetRawText() : payload, IdentifierCondition(assessment));
    }

    private async Task<EhrDeliveryResult> SendOnceAsync(HttpClient client, Uri target, string riskAssessmentJson, string? condition, CancellationToken cancellationToken)
    {
        AuthenticationHeaderValue? authorization;
        try
        {
            authorization = await _tokens.HeaderAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (EhrAuthException ex)
        {
            return new EhrDeliveryResult(EhrDeliveryStatus.RetryLater, null) { Code = ex.Message };
        }

        try
        {
            using HttpResponseMessage response = await _pipeline.ExecuteAsync(
                async token =>
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, target)
                    {
                        Content = new StringContent(riskAssessmentJson, Encoding.UTF8),
                    };
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/fhir+json") { CharSet = "utf-8" };
                    request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/fhir+json"));
                    request.Headers.Authorization = authorization;
                    if (condition is not null)
                    {
                        request.Headers.TryAddWithoutValidation("If-None-Exist", condition);
                    }

                    return await client.SendAsync(request, token).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
            int status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return new EhrDeliveryResult(EhrDeliveryStatus.Delivered, status);
            }

            return response.StatusCode switch
            {
                // A conflict (concurrent update, a version race) clears on a later attempt.
                HttpStatusCode.Conflict => new EhrDeliveryResult(EhrDeliveryStatus.RetryLater, status) { Code = Pipeline.HostCodes.EhrConflict },

                // More than one resource matches a condition: the EHR's data needs a person, retrying cannot help.
                HttpStatusCode.PreconditionFailed => new EhrDeliveryResult(EhrDeliveryStatus.Refused, status) { Code = Pipeline.HostCodes.EhrConditionAmbiguous },
                HttpStatusCode.UnprocessableEntity => new EhrDeliveryResult(EhrDeliveryStatus.Refused, status) { Code = Pipeline.HostCodes.EhrResourceInvalid },
                _ when IsTransient(response) => new EhrDeliveryResult(EhrDeliveryStatus.RetryLater, status),
                _ => new EhrDeliveryResult(EhrDeliveryStatus.Refused, status),
            };
        }
        catch (HttpRequestException)
        {
            return new EhrDeliveryResult(EhrDeliveryStatus.RetryLater, null);
        }
        catch (TimeoutRejectedException)
        {
            return new EhrDeliveryResult(EhrDeliveryStatus.RetryLater, null);
        }
    }

    private static bool IsTransient(HttpResponseMessage response) =>
        (int)response.StatusCode >= 500
        || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;

    /// <summary><c>identifier=system|value</c> of the first identifier, URL-escaped as a search parameter value.</summary>
    private static string? IdentifierCondition(JsonElement resource)
    {
        if (!resource.TryGetProperty("identifier", out JsonElement identifiers) || identifiers.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (JsonElement identifier in identifiers.EnumerateArray())
        {
            string? system = identifier.TryGetProperty("system", out JsonElement s) ? s.GetString() : null;
            string? value = identifier.TryGetProperty("value", out JsonElement v) ? v.GetString() : null;
            if (!string.IsNullOrEmpty(value))
            {
                return "identifier=" + Uri.EscapeDataString(system ?? "") + "|" + Uri.EscapeDataString(value);
            }
        }

        return null;
    }
}

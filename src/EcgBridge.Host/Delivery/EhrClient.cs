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
/// Delivers a RiskAssessment to the EHR as a conditional create (<c>If-None-Exist: identifier=system|value</c>), so a
/// repeated delivery after a crash never creates a second resource. Transient failures (network, 5xx, 408, 429) are
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

    /// <summary>Posts one RiskAssessment JSON; never throws for HTTP or network failures.</summary>
    public async Task<EhrDeliveryResult> DeliverRiskAssessmentAsync(string riskAssessmentJson, CancellationToken cancellationToken)
    {
        if (!_options.Configured)
        {
            return new EhrDeliveryResult(EhrDeliveryStatus.Refused, null);
        }

        string? condition = IdentifierCondition(riskAssessmentJson);
        var target = new Uri(new Uri(_options.BaseUrl!.TrimEnd('/') + "/"), "RiskAssessment");
        HttpClient client = _clients.CreateClient(HttpClientName);
        for (int attempt = 0; ; attempt++)
        {
            EhrDeliveryResult result = await SendOnceAsync(client, target, riskAssessmentJson, condition, cancellationToken).ConfigureAwait(false);
            if (result.HttpStatus != 401 || attempt > 0)
            {
                return result;
            }

            // A 401 with a cached token: it was revoked or expired early. One fresh token, then the answer stands.
            _tokens.Invalidate();
        }
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

            return IsTransient(response)
                ? new EhrDeliveryResult(EhrDeliveryStatus.RetryLater, status)
                : new EhrDeliveryResult(EhrDeliveryStatus.Refused, status);
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
    internal static string? IdentifierCondition(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty("identifier", out JsonElement identifiers) || identifiers.ValueKind != JsonValueKind.Array)
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

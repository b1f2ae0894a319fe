using System.Net;
using System.Net.Http.Headers;

namespace EcgBridge.Cli.Commands;

/// <summary>
/// POSTs FHIR Observations to <c>[base]/Observation</c>. Connection failures, 408, 429 and 5xx are retried with backoff;
/// other 4xx are rejections (the server said why in an OperationOutcome; 401/403 mean a missing or insufficient token).
/// </summary>
internal sealed class SimulateHttpSender(Uri baseUri, SimulateRetry retry, TimeSpan timeout, Action<string> report) : ISimulateSender
{
    private readonly HttpClient _http = new() { Timeout = timeout };
    private readonly Uri _observations = ObservationUri(baseUri);
    private readonly Uri _base = new(baseUri.ToString().TrimEnd('/').Replace("/Observation", "", StringComparison.Ordinal));

    /// <summary>POST Bundles (batch or transaction) to the base instead of Observations to <c>[base]/Observation</c>.</summary>
    public bool PostsBundles { get; init; }

    /// <summary>Bearer token sent with every request (the service's JWT auth), or null for none.</summary>
    public string? BearerToken
    {
        get => _http.DefaultRequestHeaders.Authorization?.Parameter;
        init => _http.DefaultRequestHeaders.Authorization = value is null ? null : new AuthenticationHeaderValue("Bearer", value);
    }

    public async Task<SimulateDelivery> SendAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        for (int attempt = 1; attempt <= retry.Attempts; attempt++)
        {
            TimeSpan delay = retry.DelayBefore(attempt);
            if (delay > TimeSpan.Zero)
            {
                report($"retry {attempt - 1}/{retry.Attempts - 1} in {delay.TotalSeconds:0.#} s");
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }

            try
            {
                using var content = new ReadOnlyMemoryContent(payload);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/fhir+json");
                using HttpResponseMessage response = await _http.PostAsync(PostsBundles ? _base : _observations, content, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return SimulateDelivery.Acknowledged;
                }

                if (!IsTransient(response.StatusCode))
                {
                    return SimulateDelivery.Rejected;
                }

                report($"HTTP {(int)response.StatusCode}");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                report("cannot connect or no answer in time");
            }
        }

        return SimulateDelivery.Failed;
    }

    internal static Uri ObservationUri(Uri baseUri)
    {
        string text = baseUri.ToString().TrimEnd('/');
        return text.EndsWith("/Observation", StringComparison.Ordinal) ? new Uri(text) : new Uri(text + "/Observation");
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }
}

namespace EcgBridge.Host.Http;

/// <summary>The FHIR base URL clients see: <c>EcgBridge:PublicBaseUrl</c>, else the request's scheme, host and <c>/fhir</c>.</summary>
internal static class FhirBase
{
    /// <summary>The base, without a trailing slash.</summary>
    public static string Of(HttpContext http, EcgBridgeHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrWhiteSpace(options.PublicBaseUrl)
            ? http.Request.Scheme + "://" + http.Request.Host + http.Request.PathBase + "/fhir"
            : options.PublicBaseUrl.TrimEnd('/');
    }

    /// <summary>The service root (the base without <c>/fhir</c>), for non-FHIR documents such as the model card.</summary>
    public static string Root(HttpContext http, EcgBridgeHostOptions options)
    {
        string fhir = Of(http, options);
        return fhir.EndsWith("/fhir", StringComparison.Ordinal) ? fhir[..^"/fhir".Length] : fhir;
    }
}

namespace EcgBridge.Host.Delivery;

/// <summary>Stable codes of authentication towards the EHR (docs/error-codes.md). Codes are never reused.</summary>
public static class EhrAuthCodes
{
    /// <summary>Auth mode unknown, or its settings (client id, key file, token) missing or unreadable.</summary>
    public const string ConfigurationInvalid = "EHR-AUTH-CONFIG-INVALID";

    /// <summary>The token endpoint could not be reached or answered 5xx: delivery retried later.</summary>
    public const string TokenEndpointUnavailable = "EHR-AUTH-TOKEN-UNAVAILABLE";

    /// <summary>The token endpoint refused the client (400/401/403) or answered without an access token: retried later, logged.</summary>
    public const string TokenRefused = "EHR-AUTH-TOKEN-REFUSED";

    /// <summary>No TokenUrl configured and the EHR's .well-known/smart-configuration has no token_endpoint.</summary>
    public const string DiscoveryFailed = "EHR-AUTH-DISCOVERY-FAILED";
}

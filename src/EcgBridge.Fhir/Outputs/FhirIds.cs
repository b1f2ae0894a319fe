using System.Security.Cryptography;
using System.Text;

namespace EcgBridge.Fhir.Outputs;

/// <summary>
/// Deterministic ids: the same dedupe key always gives the same identifier value and resource id, so a retry updates
/// (PUT) or conditionally creates (If-None-Exist) instead of creating a second resource.
/// </summary>
public static class FhirIds
{
    /// <summary>Lowercase hex SHA-256 of the UTF-8 key (64 chars, a valid FHIR id).</summary>
    public static string Sha256Hex(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    /// <summary>The id of a resource kind derived from a key: hex SHA-256 of "kind|key".</summary>
    public static string ForKind(string kind, string key)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(key);
        return Sha256Hex(kind + "|" + key);
    }
}

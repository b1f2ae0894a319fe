using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace EcgBridge.TestSupport;

/// <summary>
/// Bearer tokens for tests, signed HS256 with a fixed test key (written independently of the host's token code, so
/// tests check the host against the JWT format itself). Configure the host with <see cref="SigningKeyBase64"/>.
/// </summary>
public static class TestTokens
{
    /// <summary>Issuer and audience the host uses by default.</summary>
    public const string Issuer = "ecgbridge";

    public const string Audience = "ecgbridge";

    /// <summary>The SMART system scopes the API checks.</summary>
    public const string ObservationWrite = "system/Observation.write";

    public const string RiskAssessmentRead = "system/RiskAssessment.read";

    /// <summary>Outcome feedback (Condition and CDS Hooks feedback).</summary>
    public const string ConditionWrite = "system/Condition.write";

    public const string AuditorRole = "auditor";

    /// <summary>The test signing key (32 bytes) as <c>EcgBridge:Auth:SigningKeys</c> expects it.</summary>
    public static string SigningKeyBase64 { get; } = Convert.ToBase64String(SigningKey);

    /// <summary>Every scope the API checks.</summary>
    public static IReadOnlyList<string> AllScopes { get; } = [ObservationWrite, ConditionWrite, RiskAssessmentRead];

    private static byte[] SigningKey => SHA256.HashData("ecgbridge-test-signing-key"u8);

    /// <summary>A token with all scopes and the auditor role (what <c>RunningHost.Http</c> sends).</summary>
    public static string Full() => Create(AllScopes, [AuditorRole]);

    /// <summary>
    /// A signed token. <paramref name="expires"/> defaults to one hour from now; <paramref name="key"/>,
    /// <paramref name="audience"/> and <paramref name="issuer"/> default to the test values. With
    /// <paramref name="rsaKey"/> the token is RS256-signed with it instead of HS256.
    /// </summary>
    public static string Create(
        IEnumerable<string> scopes,
        IEnumerable<string>? roles = null,
        DateTimeOffset? expires = null,
        string subject = "test-client",
        string audience = Audience,
        string issuer = Issuer,
        byte[]? key = null,
        RSA? rsaKey = null)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        DateTimeOffset now = DateTimeOffset.UtcNow;
        DateTimeOffset expiry = expires ?? now.AddHours(1);
        DateTimeOffset issued = expiry < now ? expiry.AddMinutes(-10) : now;
        var payload = new Dictionary<string, object>
        {
            ["iss"] = issuer,
            ["aud"] = audience,
            ["sub"] = subject,
            ["client_id"] = subject,
            ["scope"] = string.Join(' ', scopes),
            ["iat"] = issued.ToUnixTimeSeconds(),
            ["nbf"] = issued.ToUnixTimeSeconds(),
            ["exp"] = expiry.ToUnixTimeSeconds(),
        };
        string[] roleList = roles is null ? [] : [.. roles];
        if (roleList.Length > 0)
        {
            payload["roles"] = roleList;
        }

        string algorithm = rsaKey is null ? "HS256" : "RS256";
        string header = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["alg"] = algorithm, ["typ"] = "JWT" }));
        string body = Base64Url(JsonSerializer.SerializeToUtf8Bytes(payload));
        string signingInput = header + "." + body;
        byte[] input = Encoding.ASCII.GetBytes(signingInput);
        byte[] signature = rsaKey is null
            ? HMACSHA256.HashData(key ?? SigningKey, input)
            : rsaKey.SignData(input, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url(signature);
    }

    /// <summary>An unsigned token (<c>alg: none</c>) with every scope: must always be refused.</summary>
    public static string WithoutSignature()
    {
        string header = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["alg"] = "none", ["typ"] = "JWT" }));
        string token = Create(AllScopes);
        return header + "." + token.Split('.')[1] + ".";
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

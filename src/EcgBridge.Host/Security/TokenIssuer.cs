using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EcgBridge.Host.Security;

/// <summary>Mints HS256 bearer tokens with SMART system scopes and roles (development key, <c>ecgbridge token</c>).</summary>
public static class TokenIssuer
{
    /// <summary>Every scope the API checks.</summary>
    public static IReadOnlyList<string> AllScopes { get; } = [AuthPolicies.ObservationWrite, AuthPolicies.ConditionWrite, AuthPolicies.RiskAssessmentRead];

    /// <summary>
    /// A signed JWT: <c>iss</c>, <c>aud</c>, <c>sub</c> and <c>client_id</c> = <paramref name="subject"/>, <c>scope</c>
    /// space-separated, <c>roles</c> an array, valid from now for <paramref name="lifetime"/>.
    /// </summary>
    public static string Create(
        byte[] key,
        string issuer,
        string audience,
        string subject,
        IEnumerable<string> scopes,
        IEnumerable<string> roles,
        TimeSpan lifetime,
        TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(scopes);
        ArgumentNullException.ThrowIfNull(roles);
        DateTime now = (clock ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["sub"] = subject,
            ["client_id"] = subject,
            ["scope"] = string.Join(' ', scopes),
            ["jti"] = Guid.NewGuid().ToString("N"),
        };
        string[] roleList = [.. roles];
        if (roleList.Length > 0)
        {
            claims["roles"] = roleList;
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }
}

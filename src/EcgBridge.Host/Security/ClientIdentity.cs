using System.Security.Claims;

namespace EcgBridge.Host.Security;

/// <summary>Who a bearer token was issued to: <c>client_id</c>, else <c>azp</c>, else <c>sub</c>; null when not authenticated.</summary>
internal static class ClientIdentity
{
    public static string? Of(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true
            ? user.FindFirst("client_id")?.Value ?? user.FindFirst("azp")?.Value ?? user.FindFirst("sub")?.Value
            : null;
}

using Microsoft.AspNetCore.Authorization;

namespace EcgBridge.Host.Security;

/// <summary>
/// Needs a SMART system scope on <see cref="ResourceType"/> for <see cref="Access"/> (<c>read</c> or <c>write</c>) in the
/// token's <c>scope</c> claim; wildcards <c>system/*.read</c>, <c>system/Observation.*</c> and <c>system/*.*</c> count.
/// </summary>
internal sealed class ScopeRequirement(string resourceType, string access) : AuthorizationHandler<ScopeRequirement>, IAuthorizationRequirement
{
    public string ResourceType { get; } = resourceType;

    public string Access { get; } = access;

    /// <summary>The exact scope, as named in WWW-Authenticate on a 403.</summary>
    public string Scope => "system/" + ResourceType + "." + Access;

    /// <summary>True when one of the space-separated scopes grants this requirement.</summary>
    public bool IsGrantedBy(IEnumerable<string> scopeClaims)
    {
        foreach (string claim in scopeClaims)
        {
            foreach (string scope in claim.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                int dot = scope.LastIndexOf('.');
                if (!scope.StartsWith("system/", StringComparison.Ordinal) || dot < 0)
                {
                    continue;
                }

                string resource = scope[7..dot];
                string access = scope[(dot + 1)..];
                if ((resource == "*" || resource == ResourceType) && (access == "*" || access == Access))
                {
                    return true;
                }
            }
        }

        return false;
    }

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        IEnumerable<string> scopes = context.User.FindAll(c => c.Type is "scope" or "scp").Select(c => c.Value);
        if (context.User.Identity?.IsAuthenticated == true && requirement.IsGrantedBy(scopes))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

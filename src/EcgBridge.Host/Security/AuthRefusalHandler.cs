using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.IdentityModel.Tokens;

namespace EcgBridge.Host.Security;

/// <summary>
/// Answers refused requests with 401/403, a FHIR OperationOutcome carrying a <see cref="SecurityCodes"/> code, an RFC 6750
/// WWW-Authenticate header, and records each refusal in the access log (never the token).
/// </summary>
internal sealed class AuthRefusalHandler(SecurityAuditLog audit, ILogger<AuthRefusalHandler> logger) : IAuthorizationMiddlewareResultHandler
{
    private const string Realm = "ecgbridge";

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        int status;
        string code;
        string challenge;
        if (authorizeResult.Forbidden)
        {
            status = StatusCodes.Status403Forbidden;
            IEnumerable<IAuthorizationRequirement> failed = authorizeResult.AuthorizationFailure?.FailedRequirements ?? [];
            if (failed.OfType<ScopeRequirement>().FirstOrDefault() is { } scope)
            {
                code = SecurityCodes.ScopeMissing;
                challenge = $"Bearer realm=\"{Realm}\", error=\"insufficient_scope\", scope=\"{scope.Scope}\"";
            }
            else
            {
                code = failed.Any(r => r is RolesAuthorizationRequirement) ? SecurityCodes.RoleMissing : SecurityCodes.ScopeMissing;
                challenge = $"Bearer realm=\"{Realm}\", error=\"insufficient_scope\"";
            }
        }
        else
        {
            status = StatusCodes.Status401Unauthorized;
            // The authentication middleware keeps only successes; the handler caches its result per request, so this
            // does not validate the token twice.
            AuthenticateResult authentication = await context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme).ConfigureAwait(false);
            Exception? failure = authentication.Failure;
            code = CodeOf(failure);
            challenge = code == SecurityCodes.TokenMissing
                ? $"Bearer realm=\"{Realm}\""
                : $"Bearer realm=\"{Realm}\", error=\"invalid_token\"";
        }

        string path = context.Request.Path.HasValue ? context.Request.PathBase + context.Request.Path : "/";
        // Logs carry the route template, not the path: ids in paths stay in the access log (owner-only file).
        string route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
        SecurityLog.Refused(logger, status, code, context.Request.Method, route);
        await audit.RecordRefusalAsync(context, code, path).ConfigureAwait(false);
        if (status == StatusCodes.Status401Unauthorized && IsCompliancePageRead(context.Request))
        {
            // A person at a browser, not an API client: send them to the login form (the refusal is audited above).
            context.Response.Headers.CacheControl = "no-store";
            context.Response.Redirect("/compliance/login");
            return;
        }

        context.Response.StatusCode = status;
        context.Response.Headers.WWWAuthenticate = challenge;
        context.Response.Headers.CacheControl = "no-store";
        context.Response.ContentType = OperationOutcomeJson.ContentType;
        byte[] body = OperationOutcomeJson.Create("error", status == StatusCodes.Status401Unauthorized ? "login" : "forbidden", code, null);
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>A GET of a compliance page (not <c>/compliance/api</c>), which a browser follows to the login form.</summary>
    private static bool IsCompliancePageRead(HttpRequest request) =>
        HttpMethods.IsGet(request.Method)
        && request.Path.StartsWithSegments("/compliance", StringComparison.OrdinalIgnoreCase)
        && !request.Path.StartsWithSegments("/compliance/api", StringComparison.OrdinalIgnoreCase);

    /// <summary>The code of an authentication failure; unknown failure types count as invalid tokens.</summary>
    internal static string CodeOf(Exception? failure) => failure switch
    {
        null => SecurityCodes.TokenMissing,

        // JwtBearer reports one failure per attempt (e.g. with a provider's keys, then again after refreshing them).
        AggregateException { InnerExceptions.Count: > 0 } aggregate => CodeOf(aggregate.InnerExceptions[0]),
        SecurityTokenExpiredException or SecurityTokenNotYetValidException or SecurityTokenNoExpirationException => SecurityCodes.TokenExpired,
        SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidAlgorithmException => SecurityCodes.TokenSignatureInvalid,
        SecurityTokenInvalidAudienceException => SecurityCodes.TokenAudienceInvalid,
        SecurityTokenInvalidIssuerException => SecurityCodes.TokenIssuerInvalid,
        _ => SecurityCodes.TokenInvalid,
    };
}

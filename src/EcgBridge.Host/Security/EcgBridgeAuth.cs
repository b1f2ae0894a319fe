using System.Globalization;
using EcgBridge.Compliance;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.IdentityModel.Tokens;

namespace EcgBridge.Host.Security;

/// <summary>
/// Bearer-JWT authentication and the SMART-style authorisation policies of the HTTP API. Endpoints without an explicit
/// policy fall back to <see cref="AuthPolicies.Auditor"/> (deny by default); health and <c>/fhir/metadata</c> are anonymous.
/// </summary>
public static class EcgBridgeAuth
{
    /// <summary>Lifetime of the development token printed at start.</summary>
    public static readonly TimeSpan DevelopmentTokenLifetime = TimeSpan.FromHours(12);

    /// <summary>
    /// Registers JwtBearer with the keys of <c>EcgBridge:Auth</c> (or the data dir's development key on loopback, printing a
    /// development token), the policies and the refusal handler. Throws <see cref="SecurityConfigurationException"/>
    /// when the configuration cannot be used.
    /// </summary>
    public static WebApplicationBuilder AddEcgBridgeAuth(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new EcgBridgeAuthOptions();
        builder.Configuration.GetSection(EcgBridgeAuthOptions.SectionName).Bind(options);
        var hostOptions = new EcgBridgeHostOptions();
        builder.Configuration.GetSection(EcgBridgeHostOptions.SectionName).Bind(hostOptions);
        string dataDir = Path.GetFullPath(hostOptions.DataDir);
        // Kestrel endpoints from configuration bind in addition to HttpUrl: they count for the loopback check too.
        string urls = string.Join(';', builder.Configuration.GetSection("Kestrel:Endpoints").GetChildren()
            .Select(endpoint => endpoint["Url"]).Where(url => !string.IsNullOrWhiteSpace(url)).Prepend(hostOptions.HttpUrl));
        IReadOnlyList<SecurityKey> keys = SigningKeySet.Resolve(options, dataDir, urls, out byte[]? developmentKey);
        if (developmentKey is not null)
        {
            IssueDevelopmentToken(developmentKey, options, dataDir);
        }

        builder.Services.AddOptions<EcgBridgeAuthOptions>().BindConfiguration(EcgBridgeAuthOptions.SectionName);
        builder.Services
            .AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(jwt =>
            {
                jwt.MapInboundClaims = false;
                jwt.RequireHttpsMetadata = !options.AllowHttpMetadata;
                if (options.UsesOidc)
                {
                    // JwtBearer's configuration manager: discovery + JWKS cached, refreshed on schedule and on an unknown
                    // kid; its keys and issuer are added to the configured ones at each validation.
                    jwt.Authority = string.IsNullOrWhiteSpace(options.Authority) ? null : options.Authority;
                    jwt.MetadataAddress = string.IsNullOrWhiteSpace(options.MetadataAddress) ? null! : options.MetadataAddress;
                    jwt.AutomaticRefreshInterval = TimeSpan.FromHours(options.JwksRefreshHours);
                    jwt.RefreshInterval = TimeSpan.FromSeconds(options.JwksMinimumRefreshSeconds);
                    jwt.RefreshOnIssuerKeyNotFound = true;
                }

                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = options.Issuer,
                    ValidAudience = options.Audience,
                    IssuerSigningKeys = keys,
                    ValidAlgorithms =
                    [
                        SecurityAlgorithms.HmacSha256, SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384,
                        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384,
                    ],
                    RequireExpirationTime = true,
                    RequireSignedTokens = true,
                    ClockSkew = TimeSpan.FromSeconds(options.ClockSkewSeconds),
                    NameClaimType = "sub",
                    RoleClaimType = "roles",
                };
                jwt.Events = new JwtBearerEvents { OnMessageReceived = ReadAuditorCookie };
            });
        builder.Services.AddAuthorization(authorization =>
        {
            authorization.AddPolicy(AuthPolicies.ObservationWrite, p => p.RequireAuthenticatedUser().AddRequirements(new ScopeRequirement("Observation", "write")));
            authorization.AddPolicy(AuthPolicies.ConditionWrite, p => p.RequireAuthenticatedUser().AddRequirements(new ScopeRequirement("Condition", "write")));
            authorization.AddPolicy(AuthPolicies.RiskAssessmentRead, p => p.RequireAuthenticatedUser().AddRequirements(new ScopeRequirement("RiskAssessment", "read")));
            AuthorizationPolicy auditor = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireRole(AuthPolicies.Auditor).Build();
            authorization.AddPolicy(AuthPolicies.Auditor, auditor);

            // Anything mapped without a policy (the compliance API and page, future endpoints) is auditor-only.
            authorization.FallbackPolicy = auditor;
        });
        builder.Services.AddSingleton(sp => new SecurityAuditLog(
            Path.Combine(dataDir, AccessLogFile.FileName), TimeProvider.System, sp.GetRequiredService<ILogger<SecurityAuditLog>>()));
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, AuthRefusalHandler>();
        return builder;
    }

    /// <summary>Adds the authentication and authorisation middleware (after routing, before the endpoints).</summary>
    public static WebApplication UseEcgBridgeAuth(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    /// <summary>The browser page cannot set headers on navigation: on /compliance only, the HttpOnly cookie may carry the token.</summary>
    private static Task ReadAuditorCookie(MessageReceivedContext context)
    {
        HttpRequest request = context.Request;
        if (string.IsNullOrEmpty(request.Headers.Authorization)
            && request.Path.StartsWithSegments("/compliance", StringComparison.OrdinalIgnoreCase)
            && request.Cookies.TryGetValue(AuthPolicies.AuditorCookieName, out string? token)
            && !string.IsNullOrEmpty(token))
        {
            context.Token = token;
        }

        return Task.CompletedTask;
    }

    private static void IssueDevelopmentToken(byte[] key, EcgBridgeAuthOptions options, string dataDir)
    {
        string token = TokenIssuer.Create(
            key, options.Issuer, options.Audience, "ecgbridge-dev", TokenIssuer.AllScopes, [AuthPolicies.Auditor], DevelopmentTokenLifetime);
        string path = Path.Combine(dataDir, DevelopmentKey.TokenFileName);
        DevelopmentKey.WritePrivateFile(path, token + "\n");

        // The token itself goes only to its 0600 file: stdout and stderr are often captured by supervisors and shipped
        // with the logs, and whoever reads them would hold every scope.
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"No EcgBridge:Auth signing key configured: development key in {dataDir} (loopback only)."));
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Development token ({DevelopmentTokenLifetime.TotalHours:0} h, all scopes + auditor) written to {path} (owner-only)."));
    }
}

using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace EcgBridge.Host.Http;

/// <summary>
/// Behind a TLS-terminating proxy: <c>X-Forwarded-Proto</c>/<c>-For</c> are honoured from the addresses in
/// <c>EcgBridge:Http:KnownProxies</c> only (none by default), so the auditor cookie is <c>Secure</c> when the browser
/// spoke HTTPS and nobody else can claim it did.
/// </summary>
internal static class ForwardedHeadersSetup
{
    public const string KnownProxiesKey = "EcgBridge:Http:KnownProxies";

    public static WebApplication UseEcgBridgeForwardedHeaders(this WebApplication app)
    {
        string[] proxies = app.Configuration.GetSection(KnownProxiesKey).Get<string[]>() ?? [];
        if (proxies.Length == 0)
        {
            return app;
        }

        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto, ForwardLimit = 1 };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (string proxy in proxies)
        {
            options.KnownProxies.Add(IPAddress.Parse(proxy.Trim()));
        }

        app.UseForwardedHeaders(options);
        return app;
    }
}

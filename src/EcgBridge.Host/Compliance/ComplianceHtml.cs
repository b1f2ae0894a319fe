using System.Text;
using System.Text.Encodings.Web;

namespace EcgBridge.Host.Compliance;

/// <summary>
/// Server-rendered HTML of the compliance page: one layout, inline CSS, no script. Every value from the database or
/// the request goes through <see cref="HtmlEncoder"/>.
/// </summary>
internal static class ComplianceHtml
{
    public const string ContentType = "text/html; charset=utf-8";

    // No script at all; styles only inline; images only inline SVG; forms post back here only.
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private const string Style = """
        body{font:14px/1.4 system-ui,sans-serif;margin:0;color:#1b1f24;background:#f6f7f9}
        header{background:#1f3b57;color:#fff;padding:10px 20px;display:flex;justify-content:space-between;align-items:center}
        header a,header button{color:#fff}
        header button{background:none;border:0;padding:0;text-decoration:underline;cursor:pointer}
        main{padding:16px 20px}
        h1{font-size:18px;margin:0}h2{font-size:16px}
        table{border-collapse:collapse;background:#fff;width:100%}
        th,td{border:1px solid #d5d9de;padding:4px 6px;text-align:left;vertical-align:top}
        th{background:#eef1f4}
        code,.hash{font-family:ui-monospace,monospace;font-size:12px;word-break:break-all}
        form.filters{display:flex;flex-wrap:wrap;gap:8px;align-items:end;margin-bottom:12px}
        form.filters label{display:flex;flex-direction:column;font-size:12px}
        input,select,textarea,button{font:inherit}
        .bad{color:#a40000;font-weight:600}.good{color:#106b21;font-weight:600}
        .refused{background:#fdecea;border:1px solid #e6a19a;padding:8px;margin-bottom:12px}
        .detail{display:flex;gap:16px;align-items:flex-start;flex-wrap:wrap}
        .facts{flex:1;min-width:340px;max-width:560px}
        .facts th{width:40%}
        .paging{margin:8px 0;display:flex;gap:12px}
        svg.ecg{background:#fff;max-width:100%;height:auto}
        svg.ecg .paper{fill:#fffafa}
        svg.ecg .grid-thin{stroke:#f3c4c4;stroke-width:.5;fill:none}
        svg.ecg .grid-thick{stroke:#e08a8a;stroke-width:1;fill:none}
        svg.ecg .trace{stroke:#111;stroke-width:1;fill:none}
        svg.ecg text{font:bold 13px system-ui,sans-serif;fill:#1f3b57}
        """;

    /// <summary>HTML-encodes text (null → empty).</summary>
    public static string Encode(string? text) => text is null ? "" : HtmlEncoder.Default.Encode(text);

    /// <summary>A whole page. <paramref name="body"/> must already be encoded HTML; <paramref name="signedIn"/> shows the header links.</summary>
    public static string Page(string title, string body, bool signedIn)
    {
        var html = new StringBuilder(body.Length + 4096);
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">");
        html.Append("<title>").Append(Encode(title)).Append(" · EcgBridge compliance</title><style>").Append(Style).Append("</style></head><body>");
        html.Append("<header><h1>EcgBridge compliance</h1>");
        if (signedIn)
        {
            html.Append("<nav><a href=\"/compliance\">Search</a> · <a href=\"/compliance/models\">Models</a> · <form method=\"post\" action=\"/compliance/logout\" style=\"display:inline\"><button type=\"submit\" class=\"link\">Sign out</button></form></nav>");
        }

        html.Append("</header><main>").Append(body).Append("</main></body></html>");
        return html.ToString();
    }

    /// <summary>The page as a result, with no caching and the content security policy.</summary>
    public static IResult Result(HttpContext http, string html, int status = StatusCodes.Status200OK)
    {
        http.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        return Results.Content(html, ContentType, Encoding.UTF8, status);
    }
}

using System.Globalization;
using System.Text;
using EcgBridge.Audit;
using EcgBridge.Compliance;
using EcgBridge.Core.Audit;
using EcgBridge.Core.Issues;
using EcgBridge.Core.Scoring;
using EcgBridge.Host.Security;

namespace EcgBridge.Host.Compliance;

/// <summary>
/// The compliance web page under <c>/compliance</c>: sign-in form (the bearer token goes into an HttpOnly,
/// SameSite=Strict cookie), audit search with filters and paging, a detail view with the stored 12-lead waveform and
/// the hash chain, and a verify-chain button. Every view of audit rows is recorded in the access log first.
/// </summary>
internal static class CompliancePage
{
    /// <summary>Longest token accepted by the sign-in form.</summary>
    public const int MaxTokenLength = 8192;

    private const int DefaultTake = 25;

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/login", (HttpContext http) => LoginForm(http, refused: false)).AllowAnonymous();
        group.MapPost("/login", (Delegate)LoginAsync).AllowAnonymous();
        group.MapPost("/logout", Logout).AllowAnonymous();
        group.MapGet("/", SearchAsync);
        group.MapGet("/audit/{sequence:long}", DetailAsync);
        group.MapPost("/verify", VerifyAsync);
    }

    private static IResult LoginForm(HttpContext http, bool refused)
    {
        var body = new StringBuilder();
        body.Append("<h2>Sign in</h2>");
        if (refused)
        {
            body.Append("<p class=\"refused\" id=\"login-refused\">That is not a bearer token.</p>");
        }

        body.Append("<p>Paste a bearer token with the <code>auditor</code> role. It is kept in an HttpOnly cookie for this page only.</p>");
        body.Append("<form method=\"post\" action=\"/compliance/login\"><textarea name=\"token\" id=\"token\" rows=\"6\" cols=\"80\" autocomplete=\"off\" spellcheck=\"false\" required></textarea><br><button type=\"submit\" id=\"sign-in\">Sign in</button></form>");
        return ComplianceHtml.Result(http, ComplianceHtml.Page("Sign in", body.ToString(), signedIn: false), refused ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    private static async Task<IResult> LoginAsync(HttpContext http)
    {
        // A sign-in posted from another site would plant someone else's token (login CSRF): browsers say where it came from.
        if (!http.Request.HasFormContentType
            || string.Equals(http.Request.Headers["Sec-Fetch-Site"], "cross-site", StringComparison.OrdinalIgnoreCase))
        {
            return LoginForm(http, refused: true);
        }

        IFormCollection form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
        string token = form["token"].ToString().Trim();
        if (token.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            token = token[7..].Trim();
        }

        if (!LooksLikeJwt(token))
        {
            return LoginForm(http, refused: true);
        }

        // The token is checked by JwtBearer on the next request (the cookie is read on /compliance paths only).
        http.Response.Cookies.Append(AuthPolicies.AuditorCookieName, token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = http.Request.IsHttps,
            Path = "/compliance",
            IsEssential = true,
        });
        return Results.Redirect("/compliance", permanent: false, preserveMethod: false);
    }

    private static IResult Logout(HttpContext http)
    {
        http.Response.Cookies.Delete(AuthPolicies.AuditorCookieName, new CookieOptions { Path = "/compliance" });
        return Results.Redirect("/compliance/login");
    }

    private static async Task<IResult> SearchAsync(HttpContext http, IAuditStore store, PatientIdHasher hasher, ComplianceAccessLog log)
    {
        var issues = new IssueList();
        var body = new StringBuilder();
        IQueryCollection query = http.Request.Query;
        AppendFilterForm(body, query);
        if (!ComplianceQuery.TryParse(query, ComplianceFilterParser.MaxSearchTake, issues, out ComplianceFilter? filter))
        {
            await log.RecordAsync(http.User, "audit search", "refused", null, null, issues[0].Code, http.RequestAborted).ConfigureAwait(false);
            body.Append("<div class=\"refused\" id=\"refused\"><strong>Filter refused.</strong><ul>");
            foreach (Issue issue in issues)
            {
                body.Append("<li><code>").Append(ComplianceHtml.Encode(issue.Code)).Append("</code> ").Append(ComplianceHtml.Encode(issue.Location)).Append("</li>");
            }

            body.Append("</ul>Text filters take at most ").Append(ComplianceFilterParser.MaxTextLength)
                .Append(" characters without quotes, <code>;</code>, <code>\\</code>, <code>--</code>, comments or control characters.</div>");
            return ComplianceHtml.Result(http, ComplianceHtml.Page("Search", body.ToString(), signedIn: true), StatusCodes.Status400BadRequest);
        }

        filter = filter! with { Take = filter.Take ?? DefaultTake };
        string? patientHash = hasher.Hash(filter.PatientId);
        AuditPage page = await ComplianceSearch.SearchAsync(store, filter, http.RequestAborted).ConfigureAwait(false);
        await log.RecordAsync(http.User, "audit search", filter.Describe(patientHash), patientHash, page.Items.Count, null, http.RequestAborted).ConfigureAwait(false);

        body.Append("<form method=\"post\" action=\"/compliance/verify\"><button type=\"submit\" id=\"verify-chain\">Verify chain</button></form>");
        int first = page.Items.Count == 0 ? 0 : filter.Skip + 1;
        body.Append(CultureInfo.InvariantCulture, $"<p id=\"result-count\">Rows {first}–{filter.Skip + page.Items.Count} of {page.Total}</p>");
        body.Append("<table id=\"results\"><thead><tr><th>seq</th><th>received (UTC)</th><th>outcome</th><th>source</th><th>message</th><th>patient</th><th>model</th><th>probability</th><th>risk</th><th>errors</th></tr></thead><tbody>");
        foreach (AuditEntry entry in page.Items)
        {
            string seq = entry.Sequence.ToString(CultureInfo.InvariantCulture);
            body.Append("<tr data-seq=\"").Append(seq).Append("\"><td><a href=\"/compliance/audit/").Append(seq).Append("\">").Append(seq).Append("</a></td>");
            Cell(body, entry.ReceivedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
            Cell(body, ComplianceNames.Of(entry.Outcome));
            Cell(body, entry.SourceSystem, "source");
            Cell(body, entry.MessageId);
            Cell(body, ComplianceNames.MaskPatientHash(entry.PatientIdHash));
            Cell(body, entry.ModelName is null ? null : entry.ModelName + " " + entry.ModelVersion);
            Cell(body, entry.Probability?.ToString("0.000", CultureInfo.InvariantCulture));
            Cell(body, entry.Risk is { } risk ? RiskThresholds.Code(risk) : null);
            Cell(body, string.Join(' ', entry.ErrorCodes));
            body.Append("</tr>");
        }

        body.Append("</tbody></table>");
        AppendPaging(body, query, filter, page.Total);
        return ComplianceHtml.Result(http, ComplianceHtml.Page("Search", body.ToString(), signedIn: true));
    }

    private static async Task<IResult> DetailAsync(long sequence, HttpContext http, IAuditStore store, ComplianceAccessLog log)
    {
        AuditEntry? entry = await store.GetAuditEntryAsync(sequence, http.RequestAborted).ConfigureAwait(false);
        StoredEcg? ecg = entry is null ? null : await store.GetStoredEcgAsync(sequence, http.RequestAborted).ConfigureAwait(false);
        ChainVerification? chain = entry is null ? null : await store.VerifyChainAsync(http.RequestAborted).ConfigureAwait(false);
        await log.RecordAsync(http.User, "audit read", ComplianceApi.SequenceQuery(sequence), entry?.PatientIdHash, entry is null ? 0 : 1, null, http.RequestAborted).ConfigureAwait(false);
        if (entry is null)
        {
            return ComplianceHtml.Result(http, ComplianceHtml.Page("Not found", "<p id=\"not-found\">No audit row with that sequence number.</p>", signedIn: true), StatusCodes.Status404NotFound);
        }

        var body = new StringBuilder(200 * 1024);
        body.Append(CultureInfo.InvariantCulture, $"<h2>Audit row {entry.Sequence}</h2><div class=\"detail\"><div class=\"waveform\">");
        if (ecg is null)
        {
            body.Append("<p id=\"no-ecg\">No stored ECG for this row (not scored, or removed by retention). The hashes below still identify it.</p>");
        }
        else
        {
            body.Append(WaveformSvg.Render(ecg.Tensor));
            body.Append("<p>10 s at 500 Hz, leads as the model saw them (normalized, mV). Grid: 0.2 s × 0.5 mV, bold 1 s × 1 mV.</p>");
        }

        body.Append("</div><table class=\"facts\" id=\"facts\"><tbody>");
        Row(body, "Outcome", ComplianceNames.Of(entry.Outcome), "outcome");
        Row(body, "Probability", ComplianceJson.Number(entry.Probability), "probability");
        Row(body, "Risk", entry.Risk is { } risk ? RiskThresholds.Code(risk) : null, "risk");
        Row(body, "Model", entry.ModelName is null ? null : entry.ModelName + " " + entry.ModelVersion, "model");
        Row(body, "Model SHA-256", entry.ModelSha256, "model-sha256", hash: true);
        Row(body, "Preprocessing", entry.PreprocessingVersion, "preprocessing");
        Row(body, "RiskAssessment", entry.RiskAssessmentId, "risk-assessment", hash: true);
        Row(body, "Received (UTC)", entry.ReceivedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), "received");
        Row(body, "Finished (UTC)", entry.FinishedAt?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), "finished");
        Row(body, "Channel", ComplianceNames.Of(entry.Channel), "channel");
        Row(body, "Source system", entry.SourceSystem, "source");
        Row(body, "Message id", entry.MessageId, "message-id");
        Row(body, "Patient (hash)", ComplianceNames.MaskPatientHash(entry.PatientIdHash), "patient");
        Row(body, "Errors", string.Join(' ', entry.ErrorCodes), "errors");
        Row(body, "Timings (ms)", Timings(entry), "timings");
        Row(body, "Raw SHA-256", entry.RawSha256, "raw-sha256", hash: true);
        Row(body, "Tensor SHA-256 (audit)", entry.TensorSha256, "tensor-sha256", hash: true);
        if (ecg is not null)
        {
            Row(body, "Stored tensor SHA-256", ecg.TensorSha256, "stored-tensor-sha256", hash: true);
            body.Append("<tr><th>Stored tensor</th><td id=\"stored-tensor-status\" class=\"").Append(ecg.MatchesAudit ? "good\">matches the audit row" : "bad\">DOES NOT match the audit row")
                .Append(CultureInfo.InvariantCulture, $" ({ecg.StoredBytes} bytes stored)</td></tr>");
        }

        Row(body, "Previous hash", entry.PreviousHash, "prev-hash", hash: true);
        Row(body, "Row hash", entry.Hash, "hash", hash: true);
        body.Append("<tr><th>Chain</th>").Append(ChainCell(chain!)).Append("</tr>");
        body.Append("</tbody></table></div>");
        body.Append("<form method=\"post\" action=\"/compliance/verify\"><button type=\"submit\" id=\"verify-chain\">Verify chain</button></form>");
        return ComplianceHtml.Result(http, ComplianceHtml.Page("Audit row", body.ToString(), signedIn: true));
    }

    private static async Task<IResult> VerifyAsync(HttpContext http, IAuditStore store, ComplianceAccessLog log)
    {
        ChainVerification chain = await store.VerifyChainAsync(http.RequestAborted).ConfigureAwait(false);
        await log.RecordAsync(http.User, "audit verify", "verify", null, chain.RowCount, chain.Code, http.RequestAborted).ConfigureAwait(false);
        string body = "<h2>Hash chain</h2><table class=\"facts\"><tbody><tr><th>Chain</th>" + ChainCell(chain) + "</tr></tbody></table>";
        return ComplianceHtml.Result(http, ComplianceHtml.Page("Verify chain", body, signedIn: true));
    }

    private static string ChainCell(ChainVerification chain) => chain.Intact
        ? string.Create(CultureInfo.InvariantCulture, $"<td id=\"chain-status\" class=\"good\">intact ({chain.RowCount} rows verified)</td>")
        : string.Create(CultureInfo.InvariantCulture, $"<td id=\"chain-status\" class=\"bad\">BROKEN at row {chain.FirstBrokenSequence} ({ComplianceHtml.Encode(chain.Code)}); {chain.RowCount} rows before it verified</td>");

    private static string Timings(AuditEntry entry) =>
        $"decode {Ms(entry.DecodeMilliseconds)} · normalize {Ms(entry.NormalizeMilliseconds)} · score {Ms(entry.ScoreMilliseconds)} · record {Ms(entry.RecordMilliseconds)}";

    private static string Ms(double? value) => value?.ToString("0.0", CultureInfo.InvariantCulture) ?? "–";

    private static void AppendFilterForm(StringBuilder body, IQueryCollection query)
    {
        body.Append("<form class=\"filters\" method=\"get\" action=\"/compliance\" id=\"filters\">");
        Input(body, "From (UTC)", ComplianceFilterParser.From, query, "datetime-local-or-iso");
        Input(body, "To (UTC)", ComplianceFilterParser.To, query, "datetime-local-or-iso");
        Input(body, "Patient id", ComplianceFilterParser.Patient, query, "hashed before the search");
        Input(body, "Source system", ComplianceFilterParser.Source, query, null);
        Input(body, "Model version", ComplianceFilterParser.ModelVersion, query, null);
        Select(body, "Outcome", ComplianceFilterParser.Outcome, ComplianceNames.Outcomes, query);
        Select(body, "Risk", ComplianceFilterParser.Risk, ComplianceNames.Risks, query);
        Input(body, "Rows", ComplianceFilterParser.Take, query, null);
        body.Append("<button type=\"submit\" id=\"search\">Search</button></form>");
    }

    private static void Input(StringBuilder body, string label, string name, IQueryCollection query, string? hint)
    {
        // The patient id is never echoed back into the page (it would sit in the browser's history and cache).
        string value = name == ComplianceFilterParser.Patient ? "" : query[name].ToString();
        body.Append("<label>").Append(ComplianceHtml.Encode(label))
            .Append("<input name=\"").Append(name).Append("\" id=\"f-").Append(name).Append("\" value=\"").Append(ComplianceHtml.Encode(value)).Append('"');
        if (hint is not null)
        {
            body.Append(" placeholder=\"").Append(ComplianceHtml.Encode(hint)).Append('"');
        }

        body.Append("></label>");
    }

    private static void Select(StringBuilder body, string label, string name, IReadOnlyList<string> options, IQueryCollection query)
    {
        string current = query[name].ToString();
        body.Append("<label>").Append(ComplianceHtml.Encode(label)).Append("<select name=\"").Append(name).Append("\" id=\"f-").Append(name).Append("\"><option value=\"\">any</option>");
        foreach (string option in options)
        {
            body.Append("<option").Append(string.Equals(option, current, StringComparison.OrdinalIgnoreCase) ? " selected" : "").Append('>').Append(option).Append("</option>");
        }

        body.Append("</select></label>");
    }

    private static void AppendPaging(StringBuilder body, IQueryCollection query, ComplianceFilter filter, int total)
    {
        int take = filter.Take ?? DefaultTake;
        body.Append("<nav class=\"paging\">");
        if (filter.Skip > 0)
        {
            body.Append("<a id=\"previous\" href=\"").Append(ComplianceHtml.Encode(PageUrl(query, Math.Max(0, filter.Skip - take)))).Append("\">← previous</a>");
        }

        if (filter.Skip + take < total)
        {
            body.Append("<a id=\"next\" href=\"").Append(ComplianceHtml.Encode(PageUrl(query, filter.Skip + take))).Append("\">next →</a>");
        }

        body.Append("</nav>");
    }

    private static string PageUrl(IQueryCollection query, int skip)
    {
        var url = new StringBuilder("/compliance?");
        foreach ((string name, Microsoft.Extensions.Primitives.StringValues values) in query)
        {
            // The patient id stays out of links (history, Referer); paging a patient search means searching again.
            if (name is ComplianceFilterParser.Skip or ComplianceFilterParser.Patient || values.Count == 0 || string.IsNullOrEmpty(values[0]))
            {
                continue;
            }

            url.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(values[0]!)).Append('&');
        }

        return url.Append("skip=").Append(skip.ToString(CultureInfo.InvariantCulture)).ToString();
    }

    private static void Cell(StringBuilder body, string? text, string? cssClass = null)
    {
        body.Append(cssClass is null ? "<td>" : "<td class=\"" + cssClass + "\">").Append(ComplianceHtml.Encode(text)).Append("</td>");
    }

    private static void Row(StringBuilder body, string label, string? value, string id, bool hash = false)
    {
        body.Append("<tr><th>").Append(ComplianceHtml.Encode(label)).Append("</th><td id=\"").Append(id).Append('"')
            .Append(hash ? " class=\"hash\">" : ">").Append(ComplianceHtml.Encode(value)).Append("</td></tr>");
    }

    // Three dot-separated base64url parts: what a JWS compact token looks like; anything else is not stored in a cookie.
    private static bool LooksLikeJwt(string token)
    {
        if (token.Length is 0 or > MaxTokenLength)
        {
            return false;
        }

        int dots = 0;
        foreach (char c in token)
        {
            if (c == '.')
            {
                dots++;
            }
            else if (!char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_')
            {
                return false;
            }
        }

        return dots == 2;
    }
}

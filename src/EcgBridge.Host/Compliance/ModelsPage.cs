using System.Globalization;
using System.Text;
using EcgBridge.Audit;
using EcgBridge.Compliance;
using EcgBridge.Core.Audit;
using EcgBridge.Core.Issues;

namespace EcgBridge.Host.Compliance;

/// <summary>
/// The model view of the compliance page (<c>/compliance/models</c>) and its JSON (<c>/compliance/api/models/compare</c>):
/// what <c>ecgbridge models compare</c> prints — primary vs each shadow, each model against outcome feedback — with a
/// reliability diagram and score histograms as inline SVG. Recorded in the access log like every audit read.
/// </summary>
internal static class ModelsPage
{
    private const string Interaction = "models compare";
    private static readonly string[] Palette = ["#1f3b57", "#c0392b", "#16a085", "#8e44ad", "#d35400"];

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/models", PageAsync);
        group.MapGet("/api/models/compare", ApiAsync);
    }

    private static async Task<IResult> ApiAsync(HttpContext http, IAuditStore store, PatientIdHasher hasher, ComplianceAccessLog log)
    {
        var issues = new IssueList();
        if (!ComplianceQuery.TryParse(http.Request.Query, int.MaxValue, issues, out ComplianceFilter? filter))
        {
            return await ComplianceApi.RefusedAsync(http, log, Interaction, issues).ConfigureAwait(false);
        }

        ModelComparisonReport report = await BuildAsync(http, store, hasher, log, filter!).ConfigureAwait(false);
        return Results.Json(new { comparisons = report.Comparisons, outcomes = report.Outcomes, histograms = report.Histograms });
    }

    private static async Task<IResult> PageAsync(HttpContext http, IAuditStore store, PatientIdHasher hasher, ComplianceAccessLog log)
    {
        var body = new StringBuilder(32 * 1024);
        IQueryCollection query = http.Request.Query;
        body.Append("<h2>Models: primary vs shadow, and outcomes</h2>");
        body.Append("<form method=\"get\" action=\"/compliance/models\" class=\"filters\">");
        Field(body, query, ComplianceFilterParser.From, "from (UTC)");
        Field(body, query, ComplianceFilterParser.To, "to (UTC)");
        Field(body, query, ComplianceFilterParser.Source, "source system");
        body.Append("<button type=\"submit\" id=\"compare\">Compare</button></form>");
        var issues = new IssueList();
        if (!ComplianceQuery.TryParse(query, int.MaxValue, issues, out ComplianceFilter? filter))
        {
            await log.RecordAsync(http.User, Interaction, "refused", null, null, issues[0].Code, http.RequestAborted).ConfigureAwait(false);
            body.Append("<div class=\"refused\" id=\"refused\"><strong>Filter refused.</strong><ul>");
            foreach (Issue issue in issues)
            {
                body.Append("<li><code>").Append(ComplianceHtml.Encode(issue.Code)).Append("</code> ").Append(ComplianceHtml.Encode(issue.Location)).Append("</li>");
            }

            body.Append("</ul></div>");
            return ComplianceHtml.Result(http, ComplianceHtml.Page("Models", body.ToString(), signedIn: true), StatusCodes.Status400BadRequest);
        }

        ModelComparisonReport report = await BuildAsync(http, store, hasher, log, filter!).ConfigureAwait(false);
        AppendComparisons(body, report.Comparisons);
        AppendOutcomes(body, report.Outcomes);
        AppendHistograms(body, report.Histograms);
        return ComplianceHtml.Result(http, ComplianceHtml.Page("Models", body.ToString(), signedIn: true));
    }

    private static async Task<ModelComparisonReport> BuildAsync(HttpContext http, IAuditStore store, PatientIdHasher hasher, ComplianceAccessLog log, ComplianceFilter filter)
    {
        ModelComparisonReport report = await ModelComparisonReport.BuildAsync(store, store, filter, http.RequestAborted).ConfigureAwait(false);
        string? patientHash = hasher.Hash(filter.PatientId);
        await log.RecordAsync(http.User, Interaction, filter.Describe(patientHash), patientHash, report.Count, null, http.RequestAborted).ConfigureAwait(false);
        return report;
    }

    private static void AppendComparisons(StringBuilder body, IReadOnlyList<ShadowComparisonResult> comparisons)
    {
        body.Append("<h3>Primary vs shadow</h3>");
        if (comparisons.Count == 0)
        {
            body.Append("<p id=\"no-shadow\">No shadow scores in the range.</p>");
            return;
        }

        body.Append("<table id=\"comparisons\"><thead><tr><th>primary</th><th>shadow</th><th>n</th><th>agreement</th><th>mean |Δp|</th><th>max |Δp|</th><th>Spearman ρ</th><th>confusion (rows primary: negligible, low, moderate, high; columns shadow)</th></tr></thead><tbody>");
        foreach (ShadowComparisonResult c in comparisons)
        {
            body.Append("<tr><td>").Append(ComplianceHtml.Encode(c.Primary)).Append("</td><td>").Append(ComplianceHtml.Encode(c.Shadow)).Append("</td>");
            body.Append(CultureInfo.InvariantCulture, $"<td>{c.Count}</td><td>{c.Agreement:P1}</td><td>{c.MeanAbsoluteDifference:F4}</td><td>{c.MaxAbsoluteDifference:F4}</td><td>{(c.Spearman is { } rho ? rho.ToString("F4", CultureInfo.InvariantCulture) : "n/a")}</td><td><code>");
            body.Append(string.Join(" / ", c.Confusion.Select(row => string.Join(' ', row.Select(n => n.ToString(CultureInfo.InvariantCulture))))));
            body.Append("</code></td></tr>");
        }

        body.Append("</tbody></table>");
    }

    private static void AppendOutcomes(StringBuilder body, IReadOnlyList<ModelOutcomeResult> outcomes)
    {
        body.Append("<h3>Against outcome feedback</h3>");
        if (outcomes.Count == 0)
        {
            body.Append("<p id=\"no-outcomes\">No outcome feedback for ECGs in the range.</p>");
            return;
        }

        body.Append("<table id=\"outcomes\"><thead><tr><th>model</th><th>n with outcome</th><th>OMI</th><th>AUC [95 % CI]</th><th>Brier [95 % CI]</th><th>accepted</th><th>overridden</th></tr></thead><tbody>");
        foreach (ModelOutcomeResult m in outcomes)
        {
            body.Append("<tr><td>").Append(ComplianceHtml.Encode(m.Model)).Append("</td>");
            body.Append(CultureInfo.InvariantCulture, $"<td>{m.Count}</td><td>{m.Positives}</td><td>{Interval(m.Auc)}</td><td>{(m.Count == 0 ? "n/a" : Interval(m.Brier))}</td><td>{m.Accepted}</td><td>{m.Overridden}</td></tr>");
        }

        body.Append("</tbody></table>");
        body.Append(ReliabilitySvg([.. outcomes.Where(m => m.Count > 0)]));
    }

    // Predicted (x) against observed OMI rate (y) per bin with at least one ECG; the diagonal is perfect calibration.
    private static string ReliabilitySvg(IReadOnlyList<ModelOutcomeResult> models)
    {
        const double size = 260, pad = 36;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg id=\"reliability\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{size + (2 * pad) + 220}\" height=\"{size + (2 * pad)}\" role=\"img\" aria-label=\"Reliability diagram\">");
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{pad}\" y=\"{pad}\" width=\"{size}\" height=\"{size}\" fill=\"#fff\" stroke=\"#999\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{pad}\" y1=\"{pad + size}\" x2=\"{pad + size}\" y2=\"{pad}\" stroke=\"#bbb\" stroke-dasharray=\"4 3\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{pad}\" y=\"{pad - 8}\" font-size=\"12\">observed OMI rate vs mean predicted (per 0.1 bin)</text>");
        for (int k = 0; k < models.Count; k++)
        {
            string color = Palette[k % Palette.Length];
            var points = models[k].Reliability.Where(b => b.Count > 0 && b.MeanPredicted is not null && b.ObservedRate is not null)
                .Select(b => (X: pad + (b.MeanPredicted!.Value * size), Y: pad + size - (b.ObservedRate!.Value * size))).ToList();
            if (points.Count > 1)
            {
                svg.Append("<polyline fill=\"none\" stroke=\"").Append(color).Append("\" points=\"")
                    .AppendJoin(' ', points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.X:F1},{p.Y:F1}"))).Append("\"/>");
            }

            foreach ((double x, double y) in points)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{x:F1}\" cy=\"{y:F1}\" r=\"3\" fill=\"{color}\"/>");
            }

            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{pad + size + 12}\" y=\"{pad + 14 + (k * 16)}\" font-size=\"12\" fill=\"{color}\">").Append(ComplianceHtml.Encode(models[k].Model)).Append("</text>");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private static void AppendHistograms(StringBuilder body, IReadOnlyList<ScoreHistogram> histograms)
    {
        body.Append("<h3>Score distribution</h3>");
        if (histograms.Count == 0)
        {
            body.Append("<p id=\"no-scores\">No scores in the range.</p>");
            return;
        }

        body.Append("<div id=\"histograms\">");
        for (int k = 0; k < histograms.Count; k++)
        {
            ScoreHistogram h = histograms[k];
            const double width = 300, height = 120, pad = 20;
            int max = Math.Max(1, h.Counts.Max());
            double bar = width / h.Counts.Count;
            body.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart histogram\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width + (2 * pad)}\" height=\"{height + (2 * pad) + 10}\" role=\"img\" aria-label=\"Score histogram\">");
            body.Append(CultureInfo.InvariantCulture, $"<text x=\"{pad}\" y=\"14\" font-size=\"12\">").Append(ComplianceHtml.Encode(h.Model)).Append(CultureInfo.InvariantCulture, $" (n {h.Counts.Sum()}), P(OMI) 0 → 1</text>");
            for (int i = 0; i < h.Counts.Count; i++)
            {
                double barHeight = height * h.Counts[i] / max;
                body.Append(CultureInfo.InvariantCulture, $"<rect x=\"{pad + (i * bar) + 1:F1}\" y=\"{pad + height - barHeight + 4:F1}\" width=\"{bar - 2:F1}\" height=\"{barHeight:F1}\" fill=\"{Palette[k % Palette.Length]}\"><title>{i / 10.0:F1}–{(i + 1) / 10.0:F1}: {h.Counts[i]}</title></rect>");
            }

            body.Append("</svg>");
        }

        body.Append("</div>");
    }

    private static string Interval(Estimate? e) => e?.Format() ?? "n/a";

    private static void Field(StringBuilder body, IQueryCollection query, string name, string label) =>
        body.Append("<label>").Append(ComplianceHtml.Encode(label)).Append("<input name=\"").Append(name).Append("\" value=\"")
            .Append(ComplianceHtml.Encode(query[name].ToString())).Append("\"></label>");
}

using System.Globalization;
using System.Text;
using EcgBridge.Audit;
using EcgBridge.Compliance;
using EcgBridge.Core.Audit;
using EcgBridge.Core.Issues;
using EcgBridge.Host.Http;

namespace EcgBridge.Host.Compliance;

/// <summary>
/// The JSON/CSV/FHIR routes under <c>/compliance/api</c>. Each read is recorded in the access log before the answer;
/// refused parameters get 400 with an OperationOutcome naming the compliance code and the parameter.
/// </summary>
internal static class ComplianceApi
{
    /// <summary>Rows per page when <c>take</c> is not given.</summary>
    public const int DefaultTake = 50;

    private const string FhirJson = "application/fhir+json; charset=utf-8";
    private const string FhirNdjson = "application/fhir+ndjson; charset=utf-8";
    private const string Csv = "text/csv; charset=utf-8";

    public static void Map(RouteGroupBuilder group)
    {
        RouteGroupBuilder api = group.MapGroup("/api");
        api.MapGet("/audit", SearchAsync);
        api.MapGet("/audit/{sequence:long}", DetailAsync);
        api.MapGet("/audit/{sequence:long}/ecg", WaveformAsync);
        api.MapGet("/audit/{sequence:long}/riskassessment", RiskAssessmentAsync);
        api.MapGet("/export/csv", (HttpContext http, IAuditStore store, PatientIdHasher hasher, ComplianceAccessLog log) =>
            ExportAsync(http, store, hasher, log, AuditExportFormat.Csv));
        api.MapGet("/export/auditevent", (HttpContext http, IAuditStore store, PatientIdHasher hasher, ComplianceAccessLog log) =>
            ExportAsync(http, store, hasher, log, AuditExportFormat.AuditEventNdjson));
        api.MapGet("/export/bundle", (HttpContext http, IAuditStore store, PatientIdHasher hasher, ComplianceAccessLog log) =>
            ExportAsync(http, store, hasher, log, AuditExportFormat.AuditEventBundle));
        api.MapPost("/verify", VerifyAsync);
    }

    private static async Task<IResult> SearchAsync(HttpContext http, IAuditStore store, PatientIdHasher hasher, ComplianceAccessLog log)
    {
        var issues = new IssueList();
        if (!ComplianceQuery.TryParse(http.Request.Query, ComplianceFilterParser.MaxSearchTake, issues, out ComplianceFilter? filter))
        {
            return await RefusedAsync(http, log, "audit search", issues).ConfigureAwait(false);
        }

        filter = filter! with { Take = filter.Take ?? DefaultTake };
        string? patientHash = hasher.Hash(filter.PatientId);
        AuditPage page = await ComplianceSearch.SearchAsync(store, filter, http.RequestAborted).ConfigureAwait(false);
        await log.RecordAsync(http.User, "audit search", filter.Describe(patientHash), patientHash, page.Items.Count, null, http.RequestAborted).ConfigureAwait(false);
        return Results.Json(new
        {
            total = page.Total,
            skip = filter.Skip,
            take = filter.Take,
            items = page.Items.Select(ComplianceJson.Summary),
        });
    }

    private static async Task<IResult> DetailAsync(long sequence, HttpContext http, IAuditStore store, ComplianceAccessLog log)
    {
        AuditEntry? entry = await store.GetAuditEntryAsync(sequence, http.RequestAborted).ConfigureAwait(false);
        StoredEcg? ecg = entry is null ? null : await store.GetStoredEcgAsync(sequence, http.RequestAborted).ConfigureAwait(false);
        await log.RecordAsync(http.User, "audit read", SequenceQuery(sequence), entry?.PatientIdHash, entry is null ? 0 : 1, null, http.RequestAborted).ConfigureAwait(false);
        return entry is null ? NotFound("sequence") : Results.Json(ComplianceJson.Detail(entry, ecg));
    }

    private static async Task<IResult> WaveformAsync(long sequence, HttpContext http, IAuditStore store, ComplianceAccessLog log)
    {
        StoredEcg? ecg = await store.GetStoredEcgAsync(sequence, http.RequestAborted).ConfigureAwait(false);
        AuditEntry? entry = ecg is null ? null : await store.GetAuditEntryAsync(sequence, http.RequestAborted).ConfigureAwait(false);
        await log.RecordAsync(http.User, "audit read ecg", SequenceQuery(sequence), entry?.PatientIdHash, ecg is null ? 0 : 1, null, http.RequestAborted).ConfigureAwait(false);
        return ecg is null ? NotFound("sequence") : Results.Json(ComplianceJson.Waveform(ecg));
    }

    // A Scored row's RiskAssessment as served; a ShadowScored row's score as the preliminary RiskAssessment it would
    // have been (built on the primary's of the same ECG) — for auditors only, never in the FHIR API.
    private static async Task<IResult> RiskAssessmentAsync(long sequence, HttpContext http, IAuditStore store, ComplianceAccessLog log, IServiceProvider services)
    {
        CancellationToken cancellationToken = http.RequestAborted;
        AuditEntry? entry = await store.GetAuditEntryAsync(sequence, cancellationToken).ConfigureAwait(false);
        string? json = null;
        if (entry is { Outcome: AuditOutcome.Scored, RiskAssessmentId: { } id })
        {
            json = await store.GetRiskAssessmentJsonAsync(id, cancellationToken).ConfigureAwait(false);
        }
        else if (entry is { Outcome: AuditOutcome.ShadowScored, Probability: { } probability, Risk: { } risk })
        {
            IReadOnlyList<AuditEntry> scored = (await store.SearchAuditAsync(new AuditFilter { DedupeKey = entry.DedupeKey, Outcome = AuditOutcome.Scored }, 0, 1, cancellationToken).ConfigureAwait(false)).Items;
            AuditEntry? primary = scored.Count > 0 ? scored[0] : null;
            string? primaryJson = primary?.RiskAssessmentId is { } primaryId ? await store.GetRiskAssessmentJsonAsync(primaryId, cancellationToken).ConfigureAwait(false) : null;
            if (primaryJson is not null && Fhir.Serialization.FhirSerializer.FromJson(Encoding.UTF8.GetBytes(primaryJson)) is Hl7.Fhir.Model.RiskAssessment assessment)
            {
                Core.Scoring.ModelIdentity shadow = services.GetService<Core.Scoring.IShadowScorers>()?.Scorers.Select(s => s.Model).FirstOrDefault(m => m.Sha256 == entry.ModelSha256)
                    ?? new Core.Scoring.ModelIdentity(entry.ModelName ?? "", entry.ModelVersion ?? "", entry.ModelSha256 ?? "", entry.PreprocessingVersion ?? "") { Shadow = true };
                json = Fhir.Serialization.FhirSerializer.ToJson(Fhir.Outputs.RiskAssessmentBuilder.ShadowOf(assessment, shadow, probability, risk));
            }
        }

        await log.RecordAsync(http.User, "audit read riskassessment", SequenceQuery(sequence), entry?.PatientIdHash, json is null ? 0 : 1, null, cancellationToken).ConfigureAwait(false);
        return json is null ? NotFound("sequence") : new BodyResult(StatusCodes.Status200OK, FhirJson, Encoding.UTF8.GetBytes(json));
    }

    private static async Task<IResult> VerifyAsync(HttpContext http, IAuditStore store, ComplianceAccessLog log)
    {
        ChainVerification verification = await store.VerifyChainAsync(http.RequestAborted).ConfigureAwait(false);
        await log.RecordAsync(http.User, "audit verify", "verify", null, verification.RowCount, verification.Code, http.RequestAborted).ConfigureAwait(false);
        return Results.Json(ComplianceJson.Verification(verification));
    }

    private static async Task<IResult> ExportAsync(HttpContext http, IAuditStore store, PatientIdHasher hasher, ComplianceAccessLog log, AuditExportFormat format)
    {
        string interaction = format switch
        {
            AuditExportFormat.Csv => "audit export csv",
            AuditExportFormat.AuditEventNdjson => "audit export auditevent",
            _ => "audit export auditevent-bundle",
        };
        var issues = new IssueList();
        if (!ComplianceQuery.TryParse(http.Request.Query, int.MaxValue, issues, out ComplianceFilter? filter))
        {
            return await RefusedAsync(http, log, interaction, issues).ConfigureAwait(false);
        }

        // Recorded before the first byte leaves, with the number of rows the export will hold.
        string? patientHash = hasher.Hash(filter!.PatientId);
        AuditPage counted = await ComplianceSearch.SearchAsync(store, filter with { Skip = 0, Take = 0 }, http.RequestAborted).ConfigureAwait(false);
        long count = Math.Max(0, Math.Min((long)counted.Total - filter.Skip, filter.Take ?? long.MaxValue));
        await log.RecordAsync(http.User, interaction, filter.Describe(patientHash), patientHash, count, null, http.RequestAborted).ConfigureAwait(false);

        HttpResponse response = http.Response;
        response.ContentType = format switch
        {
            AuditExportFormat.Csv => Csv,
            AuditExportFormat.AuditEventNdjson => FhirNdjson,
            _ => FhirJson,
        };
        string extension = format == AuditExportFormat.Csv ? "csv" : format == AuditExportFormat.AuditEventNdjson ? "ndjson" : "json";
        response.Headers.ContentDisposition = $"attachment; filename=\"ecgbridge-audit.{extension}\"";
        response.Headers.CacheControl = "no-store";
        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 64 * 1024, leaveOpen: true);
        await AuditExport.WriteAsync(writer, store, filter, format, http.RequestAborted).ConfigureAwait(false);
        await writer.FlushAsync(http.RequestAborted).ConfigureAwait(false);
        return Results.Empty;
    }

    /// <summary>Logs the refused read (no values, only the first code) and answers 400 with every issue.</summary>
    internal static async Task<IResult> RefusedAsync(HttpContext http, ComplianceAccessLog log, string interaction, IssueList issues)
    {
        await log.RecordAsync(http.User, interaction, "refused", null, null, issues[0].Code, http.RequestAborted).ConfigureAwait(false);
        return new BodyResult(StatusCodes.Status400BadRequest, OperationOutcomeJson.ContentType, OperationOutcomeJson.FromIssues(issues));
    }

    internal static string SequenceQuery(long sequence) => "seq=" + sequence.ToString(CultureInfo.InvariantCulture);

    private static BodyResult NotFound(string location) => new(
        StatusCodes.Status404NotFound,
        OperationOutcomeJson.ContentType,
        OperationOutcomeJson.Create("error", "not-found", HostCodes.ResourceNotFound, location));
}

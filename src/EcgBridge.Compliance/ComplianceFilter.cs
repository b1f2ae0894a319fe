using System.Globalization;
using System.Text;
using EcgBridge.Core.Audit;
using EcgBridge.Core.Scoring;

namespace EcgBridge.Compliance;

/// <summary>
/// A validated compliance query over audit rows (build it with <see cref="ComplianceFilterParser"/>). Null fields do not
/// filter; <see cref="From"/> is inclusive, <see cref="To"/> exclusive (received time); <see cref="Take"/> null = all.
/// </summary>
public sealed record ComplianceFilter
{
    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? To { get; init; }

    /// <summary>The patient id as typed; the store hashes it. Never logged, never written to the access log.</summary>
    public string? PatientId { get; init; }

    public string? SourceSystem { get; init; }

    public string? ModelVersion { get; init; }

    public AuditOutcome? Outcome { get; init; }

    public RiskLevel? Risk { get; init; }

    public int Skip { get; init; }

    public int? Take { get; init; }

    /// <summary>True when a filter must be applied after the store's search (the port has no such column filter yet).</summary>
    public bool NeedsPostFilter => ModelVersion is not null || Risk is not null;

    /// <summary>The part of the filter the store's <see cref="IAuditLog.SearchAuditAsync"/> applies itself.</summary>
    public AuditFilter ToAuditFilter() => new()
    {
        From = From,
        To = To,
        PatientId = PatientId,
        SourceSystem = SourceSystem,
        Outcome = Outcome,
    };

    /// <summary>True when <paramref name="entry"/> passes the filters the store does not apply (model version, risk).</summary>
    public bool MatchesPostFilter(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return (ModelVersion is null || string.Equals(entry.ModelVersion, ModelVersion, StringComparison.Ordinal))
            && (Risk is null || entry.Risk == Risk);
    }

    /// <summary>
    /// Canonical query text for the access log (<c>from=…&amp;patient-hash=…</c>): the patient appears only as the
    /// given hash, so the log of who looked never holds the identifier itself.
    /// </summary>
    public string Describe(string? patientIdHash)
    {
        var text = new StringBuilder();
        Append(text, "from", From?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        Append(text, "to", To?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        Append(text, "patient-hash", PatientId is null ? null : patientIdHash ?? "unhashed");
        Append(text, "source", SourceSystem);
        Append(text, "model-version", ModelVersion);
        Append(text, "outcome", Outcome is { } outcome ? ComplianceNames.Of(outcome) : null);
        Append(text, "risk", Risk is { } risk ? RiskThresholds.Code(risk) : null);
        Append(text, "skip", Skip == 0 ? null : Skip.ToString(CultureInfo.InvariantCulture));
        Append(text, "take", Take?.ToString(CultureInfo.InvariantCulture));
        return text.ToString();
    }

    private static void Append(StringBuilder text, string name, string? value)
    {
        if (value is null)
        {
            return;
        }

        if (text.Length > 0)
        {
            text.Append('&');
        }

        text.Append(name).Append('=').Append(Uri.EscapeDataString(value));
    }
}

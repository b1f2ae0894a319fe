using EcgBridge.Core.Audit;
using EcgBridge.Core.Scoring;

namespace EcgBridge.Compliance;

/// <summary>The text forms of outcomes and risks in filters, CSV and AuditEvents (the same words the audit table stores).</summary>
public static class ComplianceNames
{
    /// <summary>Outcome words accepted by the <c>outcome</c> filter.</summary>
    public static IReadOnlyList<string> Outcomes { get; } = ["accepted", "scored", "rejected", "duplicate", "failed", "shadow-scored", "outcome-recorded"];

    /// <summary>Risk words accepted by the <c>risk</c> filter (FHIR risk-probability codes).</summary>
    public static IReadOnlyList<string> Risks { get; } = ["negligible", "low", "moderate", "high"];

    public static string Of(AuditOutcome outcome) => outcome switch
    {
        AuditOutcome.Accepted => "accepted",
        AuditOutcome.Scored => "scored",
        AuditOutcome.Rejected => "rejected",
        AuditOutcome.Duplicate => "duplicate",
        AuditOutcome.Failed => "failed",
        AuditOutcome.ShadowScored => "shadow-scored",
        AuditOutcome.OutcomeRecorded => "outcome-recorded",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    };

    public static string Of(AuditChannel channel) => channel switch
    {
        AuditChannel.Mllp => "mllp",
        AuditChannel.Fhir => "fhir",
        AuditChannel.Amqp => "amqp",
        AuditChannel.Folder => "folder",
        _ => throw new ArgumentOutOfRangeException(nameof(channel)),
    };

    /// <summary>Parses an outcome word (case-insensitive).</summary>
    public static bool TryParseOutcome(string text, out AuditOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (AuditOutcome candidate in Enum.GetValues<AuditOutcome>())
        {
            if (string.Equals(Of(candidate), text, StringComparison.OrdinalIgnoreCase))
            {
                outcome = candidate;
                return true;
            }
        }

        outcome = default;
        return false;
    }

    /// <summary>Parses a risk word (case-insensitive).</summary>
    public static bool TryParseRisk(string text, out RiskLevel risk)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (RiskLevel candidate in Enum.GetValues<RiskLevel>())
        {
            if (string.Equals(RiskThresholds.Code(candidate), text, StringComparison.OrdinalIgnoreCase))
            {
                risk = candidate;
                return true;
            }
        }

        risk = default;
        return false;
    }

    /// <summary>The masked form of a patient-id hash for screens: its first 8 hex digits and an ellipsis.</summary>
    public static string MaskPatientHash(string? patientIdHash) =>
        patientIdHash is { Length: > 8 } hash ? hash[..8] + "…" : patientIdHash is null ? "" : "…";
}

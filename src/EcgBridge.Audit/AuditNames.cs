using EcgBridge.Core.Audit;
using EcgBridge.Core.Scoring;

namespace EcgBridge.Audit;

// The text stored for each enum value. Stored text is part of the hash chain: never rename a value.
internal static class AuditNames
{
    public static string Of(AuditChannel channel) => channel switch
    {
        AuditChannel.Mllp => "mllp",
        AuditChannel.Fhir => "fhir",
        AuditChannel.Amqp => "amqp",
        AuditChannel.Folder => "folder",
        _ => throw new ArgumentOutOfRangeException(nameof(channel)),
    };

    public static AuditChannel Channel(string text) => text switch
    {
        "mllp" => AuditChannel.Mllp,
        "fhir" => AuditChannel.Fhir,
        "folder" => AuditChannel.Folder,
        _ => AuditChannel.Amqp,
    };

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

    public static AuditOutcome Outcome(string text) => text switch
    {
        "accepted" => AuditOutcome.Accepted,
        "scored" => AuditOutcome.Scored,
        "rejected" => AuditOutcome.Rejected,
        "duplicate" => AuditOutcome.Duplicate,
        "shadow-scored" => AuditOutcome.ShadowScored,
        "outcome-recorded" => AuditOutcome.OutcomeRecorded,
        _ => AuditOutcome.Failed,
    };

    public static string Of(InboxState state) => state switch
    {
        InboxState.Accepted => "accepted",
        InboxState.Scored => "scored",
        InboxState.Rejected => "rejected",
        InboxState.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    public static InboxState State(string text) => text switch
    {
        "accepted" => InboxState.Accepted,
        "scored" => InboxState.Scored,
        "rejected" => InboxState.Rejected,
        _ => InboxState.Failed,
    };

    public static string Of(OutboxStatus status) => status switch
    {
        OutboxStatus.Pending => "pending",
        OutboxStatus.Done => "done",
        OutboxStatus.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static string? Of(RiskLevel? risk) => risk is { } level ? RiskThresholds.Code(level) : null;

    public static RiskLevel? Risk(string? text) => text switch
    {
        null => null,
        "negligible" => RiskLevel.Negligible,
        "low" => RiskLevel.Low,
        "moderate" => RiskLevel.Moderate,
        _ => RiskLevel.High,
    };
}

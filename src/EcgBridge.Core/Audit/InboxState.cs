namespace EcgBridge.Core.Audit;

/// <summary>Where a message known to the inbox (by its dedupe key) stands.</summary>
public enum InboxState
{
    Accepted = 0,
    Scored = 1,
    Rejected = 2,
    Failed = 3,
}

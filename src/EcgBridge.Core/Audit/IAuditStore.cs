namespace EcgBridge.Core.Audit;

/// <summary>
/// The whole audit store: one database, one transaction per message, seen through its ports. Composition code and
/// tools that need several ports at once (the CLI's audit commands, the bench's audit tail) take this; the pipeline's
/// steps and the transports take only the port they use (<see cref="IInbox"/>, <see cref="IAuditLog"/>,
/// <see cref="IOutbox"/>, <see cref="IRiskAssessmentStore"/>, <see cref="IStoredEcgStore"/>,
/// <see cref="Feedback.IOutcomeFeedbackStore"/>).
/// </summary>
public interface IAuditStore : IInbox, IAuditLog, IOutbox, IRiskAssessmentStore, IStoredEcgStore, Feedback.IOutcomeFeedbackStore
{
}

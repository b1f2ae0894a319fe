namespace EcgBridge.Core.Audit;

/// <summary>
/// The answer given to a sender, kept so that a resend gets exactly the same answer: <see cref="Code"/> is the ACK code
/// (AA/AE/AR) or the HTTP status (201, 422, ...), <see cref="Body"/> the bytes sent (ACK message, OperationOutcome).
/// </summary>
public sealed record StoredAnswer(string Code, string ContentType, byte[] Body);

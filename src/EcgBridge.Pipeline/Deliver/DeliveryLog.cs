namespace EcgBridge.Pipeline.Deliver;

/// <summary>Source-generated logs of the deliver step (EventIds 7030–7034, as before the move): ids, kinds, codes, timings only.</summary>
internal static partial class DeliveryLog
{
    [LoggerMessage(EventId = 7030, Level = LogLevel.Information, Message = "Delivered outbox row {OutboxId} ({Kind}): status {Status} in {ElapsedMs:F1} ms")]
    public static partial void Delivered(ILogger logger, long outboxId, string kind, int status, double elapsedMs);

    [LoggerMessage(EventId = 7031, Level = LogLevel.Warning, Message = "Outbox row {OutboxId} ({Kind}) refused for good: {Code} (status {Status}); recorded, not retried")]
    public static partial void Refused(ILogger logger, long outboxId, string kind, string code, int status);

    [LoggerMessage(EventId = 7032, Level = LogLevel.Warning, Message = "Delivery of outbox row {OutboxId} ({Kind}) failed ({Code}); will retry")]
    public static partial void Failed(ILogger logger, long outboxId, string kind, string code);

    [LoggerMessage(EventId = 7034, Level = LogLevel.Error, Message = "Refused to deliver for audit row {AuditSeq}: {Code} (the stored payload does not match its audit row)")]
    public static partial void CoverageRefused(ILogger logger, string code, long auditSeq);
}

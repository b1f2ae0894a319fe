namespace EcgBridge.Host;

/// <summary>Source-generated logs of the host (EventIds 7000–7099): codes, ids, counts, durations only — never PHI.</summary>
internal static partial class HostLog
{
    [LoggerMessage(EventId = 7000, Level = LogLevel.Information, Message = "MLLP listening on port {Port}")]
    public static partial void MllpListening(ILogger logger, int port);

    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "MLLP connection refused: {Reason} (limits: {MaxConnections} in all, {MaxPerPeer} per peer)")]
    public static partial void MllpConnectionRefused(ILogger logger, string reason, int maxConnections, int maxPerPeer);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Debug, Message = "MLLP connection {ConnectionId} closed: {Reason}")]
    public static partial void MllpConnectionClosed(ILogger logger, int connectionId, string reason);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "MLLP connection {ConnectionId}: bytes discarded ({Code}), {Count} on this connection")]
    public static partial void MllpDiscarded(ILogger logger, int connectionId, string code, int count);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Warning, Message = "MLLP connection {ConnectionId} dropped: {Reason} after {Discards} discards")]
    public static partial void MllpConnectionDropped(ILogger logger, int connectionId, string reason, int discards);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Information, Message = "Mapping profiles loaded: {Hl7} HL7 v2, {Fhir} FHIR, {Files} vendor-file, from {Directory}")]
    public static partial void MappingsLoaded(ILogger logger, int hl7, int fhir, int files, string directory);

    [LoggerMessage(EventId = 7014, Level = LogLevel.Error, Message = "Refused to serve a RiskAssessment: {Code} (audit row {AuditSeq}); the stored copy does not match what the audit row bound")]
    public static partial void CoverageRefused(ILogger logger, string code, long auditSeq);

    [LoggerMessage(EventId = 7020, Level = LogLevel.Information, Message = "Re-sent {Count} accepted messages left unfinished by the previous run")]
    public static partial void SpoolReplayed(ILogger logger, int count);

    [LoggerMessage(EventId = 7033, Level = LogLevel.Warning, Message = "Outbox dispatcher pass failed ({ExceptionType}); next pass after a pause")]
    public static partial void DispatcherPassFailed(ILogger logger, string exceptionType);

    [LoggerMessage(EventId = 7060, Level = LogLevel.Information, Message = "AMQP ingestion consuming (prefetch {Prefetch})")]
    public static partial void AmqpConsuming(ILogger logger, int prefetch);

    [LoggerMessage(EventId = 7061, Level = LogLevel.Warning, Message = "AMQP ingestion connection failed ({ExceptionType}); reconnecting")]
    public static partial void AmqpConnectionFailed(ILogger logger, string exceptionType);
}

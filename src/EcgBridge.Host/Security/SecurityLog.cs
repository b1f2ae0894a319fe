namespace EcgBridge.Host.Security;

/// <summary>Source-generated logs of authentication and TLS (EventIds 7200–7249): codes, paths and counts only, never tokens.</summary>
internal static partial class SecurityLog
{
    [LoggerMessage(EventId = 7200, Level = LogLevel.Warning, Message = "Refused {Method} {Route}: HTTP {Status} {Code}")]
    public static partial void Refused(ILogger logger, int status, string code, string method, string route);

    [LoggerMessage(EventId = 7201, Level = LogLevel.Error, Message = "Could not append the refusal to the access log ({ExceptionType})")]
    public static partial void AuditWriteFailed(ILogger logger, string exceptionType);

    [LoggerMessage(EventId = 7210, Level = LogLevel.Information, Message = "MLLP TLS enabled (client certificate required: {RequireClientCertificate})")]
    public static partial void MllpTlsEnabled(ILogger logger, bool requireClientCertificate);

    [LoggerMessage(EventId = 7211, Level = LogLevel.Warning, Message = "MLLP connection {ConnectionId} refused: {Code} ({Reason})")]
    public static partial void MllpTlsRefused(ILogger logger, int connectionId, string code, string reason);
}

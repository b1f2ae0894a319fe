using System.Security.Claims;
using EcgBridge.Compliance;

namespace EcgBridge.Host.Security;

/// <summary>Appends the security AuditEvent of each refused request to the data dir's access log (<see cref="AccessLogFile"/>).</summary>
internal sealed class SecurityAuditLog(string accessLogPath, TimeProvider clock, ILogger<SecurityAuditLog> logger)
{
    public string Path { get; } = accessLogPath;

    public async Task RecordRefusalAsync(HttpContext context, string code, string path)
    {
        ClaimsPrincipal user = context.User;
        string? client = ClientIdentity.Of(user);
        var auditEvent = AuditEventBuilder.ForSecurityRefusal(
            clock.GetUtcNow(), client, context.Connection.RemoteIpAddress?.ToString(), context.Request.Method, path, code);
        try
        {
            // The refusal itself is already decided; a failing log must not turn it into a 500.
            await AccessLogFile.AppendAsync(Path, auditEvent, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            SecurityLog.AuditWriteFailed(logger, e.GetType().Name);
        }

    }
}

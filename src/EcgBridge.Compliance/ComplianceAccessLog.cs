using System.Security.Claims;
using Hl7.Fhir.Model;

namespace EcgBridge.Compliance;

/// <summary>
/// Records every read of the audit record through the API or the page as a BALP Query AuditEvent in the data
/// directory's access log (the file <c>ecgbridge audit search</c> writes too), before the answer is sent.
/// </summary>
public sealed class ComplianceAccessLog(string dataDirectory, TimeProvider time)
{
    /// <summary>The reading application named in the AuditEvents.</summary>
    public const string Application = "ecgbridge-compliance";

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetFullPath(dataDirectory), AccessLogFile.FileName);

    /// <summary>Appends the AuditEvent; returns once it is on disk.</summary>
    public System.Threading.Tasks.Task RecordAsync(
        ClaimsPrincipal user,
        string interaction,
        string queryText,
        string? patientHash,
        long? resultCount,
        string? failureCode,
        CancellationToken cancellationToken)
    {
        AuditEvent auditEvent = AuditEventBuilder.ForQuery(new AuditQueryAccess
        {
            Recorded = time.GetUtcNow(),
            Accessor = Accessor(user),
            Application = Application,
            Interaction = interaction,
            QueryText = queryText,
            PatientIdHash = patientHash,
            ResultCount = resultCount,
            FailureCode = failureCode,
        });
        return AccessLogFile.AppendAsync(Path, auditEvent, cancellationToken);
    }

    /// <summary>Appends any AuditEvent (retention runs) to the same log.</summary>
    public System.Threading.Tasks.Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken) =>
        AccessLogFile.AppendAsync(Path, auditEvent, cancellationToken);

    /// <summary>The token subject (<c>sub</c>), else the identity name, else <c>anonymous</c>.</summary>
    public static string Accessor(ClaimsPrincipal user) =>
        user.FindFirst("sub")?.Value ?? user.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? user.Identity?.Name ?? "anonymous";
}

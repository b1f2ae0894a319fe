using System.Text;
using EcgBridge.Fhir.Serialization;
using Hl7.Fhir.Model;

namespace EcgBridge.Compliance;

/// <summary>
/// The access log of audit reads: an append-only NDJSON file, one BALP Query AuditEvent (FHIR JSON) per line. The audit
/// table itself is reachable only through the audit store, whose write methods record messages, not reads, so reads
/// are logged here; ship the file to the SIEM / FHIR AuditEvent repository like any other audit source. The file is
/// created owner-read/write only and opened for append with no sharing, so concurrent writers queue on the lock.
/// </summary>
public static class AccessLogFile
{
    /// <summary>File name of the access log inside a data directory.</summary>
    public const string FileName = "access-log.ndjson";

    /// <summary>Appends one AuditEvent as a line; returns once it is flushed to disk.</summary>
    public static async System.Threading.Tasks.Task AppendAsync(string path, AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(auditEvent);
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        byte[] line = Encoding.UTF8.GetBytes(FhirSerializer.ToJson(auditEvent) + "\n");
        var options = new FileStreamOptions
        {
            Mode = FileMode.Append,
            Access = FileAccess.Write,
            Share = FileShare.Read,
            Options = FileOptions.WriteThrough,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        for (int attempt = 0; ; attempt++)
        {
            try
            {
                await using var stream = new FileStream(full, options);
                await stream.WriteAsync(line, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (IOException) when (attempt < 50)
            {
                // Another process holds the append lock for the length of one line: try again shortly.
                await System.Threading.Tasks.Task.Delay(20, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}

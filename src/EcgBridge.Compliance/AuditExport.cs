using EcgBridge.Core.Audit;
using Hl7.Fhir.Model;
using EcgBridge.Fhir.Serialization;

namespace EcgBridge.Compliance;

/// <summary>Writes the rows a <see cref="ComplianceFilter"/> selects as CSV or BALP AuditEvents (CLI file and API download share it).</summary>
public static class AuditExport
{
    /// <summary>Writes every matching row to <paramref name="writer"/>; returns the number of rows written.</summary>
    public static async Task<long> WriteAsync(
        TextWriter writer,
        IAuditLog store,
        ComplianceFilter filter,
        AuditExportFormat format,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        long count = 0;
        List<AuditEvent>? bundled = format == AuditExportFormat.AuditEventBundle ? [] : null;
        if (format == AuditExportFormat.Csv)
        {
            await writer.WriteAsync(AuditCsv.Header()).ConfigureAwait(false);
        }

        await foreach (AuditEntry entry in ComplianceSearch.EnumerateAsync(store, filter, cancellationToken).ConfigureAwait(false))
        {
            count++;
            if (format == AuditExportFormat.Csv)
            {
                await writer.WriteAsync(AuditCsv.Row(entry)).ConfigureAwait(false);
            }
            else if (bundled is not null)
            {
                bundled.Add(AuditEventBuilder.ForEntry(entry));
            }
            else
            {
                await writer.WriteAsync(FhirSerializer.ToJson(AuditEventBuilder.ForEntry(entry)) + "\n").ConfigureAwait(false);
            }
        }

        if (bundled is not null)
        {
            await writer.WriteAsync(FhirSerializer.ToJson(AuditEventBuilder.ToCollection(bundled))).ConfigureAwait(false);
        }

        return count;
    }
}

using System.ComponentModel.DataAnnotations;

namespace EcgBridge.Audit;

/// <summary>Configuration section <c>EcgBridge:Audit</c>.</summary>
public sealed class AuditOptions : IValidatableObject
{
    public const string SectionName = "EcgBridge:Audit";

    /// <summary>Minimum length of a configured patient-id HMAC key.</summary>
    public const int MinimumKeyLength = 16;

    public AuditProvider Provider { get; set; } = AuditProvider.Sqlite;

    /// <summary>PostgreSQL: required. SQLite: optional; default <c>Data Source=&lt;DataDirectory&gt;/audit.db</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Where the embedded SQLite database (and its generated patient-id key) live.</summary>
    [Required]
    public string DataDirectory { get; set; } = ".ecgbridge";

    /// <summary>
    /// HMAC-SHA256 key for patient-id hashes (from environment or user-secrets only). Required for PostgreSQL; with SQLite
    /// a random key is generated once into <c>&lt;DataDirectory&gt;/patient-id.key</c> when none is configured.
    /// </summary>
    public string? PatientIdHashKey { get; set; }

    /// <summary>Apply migrations at start-up. Turn off when the service runs as the restricted application role.</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider == AuditProvider.PostgreSql && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult("A PostgreSQL audit store needs a connection string.", [nameof(ConnectionString)]);
        }

        if (Provider == AuditProvider.PostgreSql && string.IsNullOrEmpty(PatientIdHashKey))
        {
            yield return new ValidationResult("A PostgreSQL audit store needs a patient-id hash key.", [nameof(PatientIdHashKey)]);
        }

        if (PatientIdHashKey is { Length: > 0 and < MinimumKeyLength })
        {
            yield return new ValidationResult($"The patient-id hash key needs at least {MinimumKeyLength} characters.", [nameof(PatientIdHashKey)]);
        }
    }
}

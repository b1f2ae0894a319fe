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

    /// <summary>
    /// Number of hash chains. Each dedupe key belongs to one chain (a hash of the key modulo this count), so appends to
    /// different chains do not wait for each other while resends of one message still meet on one chain lock. Every
    /// node of a cluster must use the same count.
    /// </summary>
    [Range(1, 64)]
    public int ChainCount { get; set; } = 1;

    /// <summary>
    /// Checkpoint signing key: a PEM file (PKCS#8 EC P-256 private key) readable by the owner only (mode 0600). Kept
    /// outside the database so a database writer cannot re-sign a rewritten chain.
    /// </summary>
    public string? SigningKeyPath { get; set; }

    /// <summary>The signing key as base64 PKCS#8 DER, from environment or user-secrets (instead of <see cref="SigningKeyPath"/>).</summary>
    public string? SigningKey { get; set; }

    /// <summary>
    /// Extra verification keys (rotation: the public keys of earlier signing keys): PEM text, base64
    /// SubjectPublicKeyInfo, or a path to a PEM file. The signing key's own public key always verifies.
    /// </summary>
    public IList<string> VerificationKeys { get; } = [];

    /// <summary>Write a checkpoint after this many new rows in a chain.</summary>
    [Range(1, int.MaxValue)]
    public int CheckpointEveryRows { get; set; } = 1000;

    /// <summary>Write a checkpoint for every chain with new rows at least this often (seconds).</summary>
    [Range(1, 86400)]
    public int CheckpointEverySeconds { get; set; } = 60;

    /// <summary>The witness folder (append-only NDJSON, one line per checkpoint); default <c>&lt;DataDirectory&gt;/audit-witness</c>.</summary>
    public string? WitnessDirectory { get; set; }

    /// <summary>
    /// True: refuse new audit rows while the witness cannot be written (no ACK without an outside copy of the
    /// checkpoints). False (default): keep accepting and report <c>AUDIT-WITNESS-UNWRITABLE</c> in the checkpoint status.
    /// </summary>
    public bool RequireWitness { get; set; }

    /// <summary>The witness folder in effect.</summary>
    public string EffectiveWitnessDirectory =>
        WitnessDirectory is { Length: > 0 } configured ? Path.GetFullPath(configured) : Path.Combine(Path.GetFullPath(DataDirectory), "audit-witness");

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

    /// <summary>
    /// When the start-up integrity check finds missing append-only triggers or grants, recreate them and start (true), or
    /// refuse to start with the finding's code (false, the default). Chain breaks are never "repaired".
    /// </summary>
    public bool RepairOnStart { get; set; }
}

using EcgBridge.Core.Audit;

namespace EcgBridge.Audit;

/// <summary>
/// Health of checkpointing, for the health endpoint and logs: <see cref="Code"/> is null when checkpoints are signed and
/// witnessed, else an <see cref="AuditCodes"/> code (witness unwritable, signing key missing or insecure).
/// <see cref="AcceptingWrites"/> is false when the store refuses appends (witness required but unwritable).
/// </summary>
public sealed record AuditCheckpointStatus(string? Code, bool AcceptingWrites, DateTimeOffset? LastCheckpointAt)
{
    /// <summary>Signed and witnessed.</summary>
    public static AuditCheckpointStatus Healthy { get; } = new(null, true, null);
}

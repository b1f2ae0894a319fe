namespace EcgBridge.Core.Audit;

/// <summary>
/// The normalized tensor kept beside a scored audit row (for the compliance page's waveform). The audit row's tensor
/// hash stays the source of truth: <see cref="MatchesAudit"/> says whether the stored copy hashes to it.
/// </summary>
/// <param name="AuditSequence">The scored audit row the tensor belongs to.</param>
/// <param name="Tensor">The decoded tensor.</param>
/// <param name="TensorSha256">Lowercase hex SHA-256 of the decoded tensor's float32 bytes, computed on read.</param>
/// <param name="MatchesAudit">True when <paramref name="TensorSha256"/> equals the audit row's tensor hash.</param>
/// <param name="StoredAt">When the tensor was written (with its audit row).</param>
/// <param name="StoredBytes">Size of the stored (compressed) form.</param>
public sealed record StoredEcg(long AuditSequence, EcgTensor Tensor, string TensorSha256, bool MatchesAudit, DateTimeOffset StoredAt, int StoredBytes);

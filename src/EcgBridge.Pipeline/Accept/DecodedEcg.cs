using EcgBridge.Core;

namespace EcgBridge.Pipeline.Accept;

/// <summary>One ECG decoded and normalized from a message, with the ids the audit and the RiskAssessment need. PHI inside.</summary>
internal sealed record DecodedEcg(
    EcgRecording Recording,
    EcgTensor Tensor,
    string DedupeKey,
    string? SourceSystem,
    string? MessageId,
    string? BasisReference,
    (string System, string Value)? BasisIdentifier,
    double DecodeMilliseconds,
    double NormalizeMilliseconds)
{
    /// <summary>SHA-256 of the tensor, computed once (it is part of the dedupe key and the audit row).</summary>
    public string TensorSha256 { get; } = Tensor.Sha256Hex();
}

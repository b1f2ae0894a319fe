using EcgBridge.Core.Issues;

namespace EcgBridge.Core.Normalization;

/// <summary>
/// Normalization v1: units are already mV in <see cref="EcgRecording"/>; this maps/derives the 12 leads, resamples to
/// the model rate, windows, removes baseline, applies the quality gate and scaling. Deterministic: the same input gives
/// bit-identical output.
/// </summary>
public static class EcgNormalizer
{
    /// <summary>Normalizes a recording into a new tensor; false (with error issues) when it is rejected.</summary>
    public static bool TryNormalize(EcgRecording recording, PreprocessingOptions options, out EcgTensor? tensor, IssueList issues)
    {
        ArgumentNullException.ThrowIfNull(recording);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(issues);
        var candidate = new EcgTensor();
        if (TryNormalize(recording, options, candidate.Data, issues))
        {
            tensor = candidate;
            return true;
        }

        tensor = null;
        return false;
    }

    /// <summary>Normalizes into a caller-owned lead-major buffer of <see cref="EcgTensor.Length"/> floats.</summary>
    public static bool TryNormalize(EcgRecording recording, PreprocessingOptions options, Span<float> destination, IssueList issues)
    {
        ArgumentNullException.ThrowIfNull(recording);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(issues);
        throw new NotImplementedException("Normalization v1 lands with the foundation issue.");
    }
}

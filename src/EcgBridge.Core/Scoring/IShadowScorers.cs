namespace EcgBridge.Core.Scoring;

/// <summary>Candidate models scored beside the primary (shadow mode): recorded for comparison, never delivered.</summary>
public interface IShadowScorers
{
    /// <summary>The shadow scorers (their predictions carry <see cref="ModelIdentity.Shadow"/> = true).</summary>
    IReadOnlyList<IEcgScorer> Scorers { get; }

    /// <summary>True when the ECG with this tensor hash is in the shadow sample.</summary>
    bool Samples(string tensorSha256);
}

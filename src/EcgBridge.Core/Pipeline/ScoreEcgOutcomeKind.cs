namespace EcgBridge.Core.Pipeline;

/// <summary>Kinds of <see cref="ScoreEcgOutcome"/>.</summary>
public enum ScoreEcgOutcomeKind
{
    Scored = 0,
    AlreadyRecorded = 1,
    Rejected = 2,
}

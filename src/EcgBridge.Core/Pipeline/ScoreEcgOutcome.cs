namespace EcgBridge.Core.Pipeline;

/// <summary>What processing a <see cref="ScoreEcg"/> did. Codes only, no PHI.</summary>
public sealed record ScoreEcgOutcome
{
    /// <summary>Scored and recorded now.</summary>
    public static ScoreEcgOutcome Scored { get; } = new() { Kind = ScoreEcgOutcomeKind.Scored };

    /// <summary>Already recorded earlier (redelivery or resend): nothing was done.</summary>
    public static ScoreEcgOutcome AlreadyRecorded { get; } = new() { Kind = ScoreEcgOutcomeKind.AlreadyRecorded };

    public ScoreEcgOutcomeKind Kind { get; init; }

    /// <summary>Error codes when <see cref="Kind"/> is Rejected.</summary>
    public IReadOnlyList<string> Codes { get; init; } = [];

    /// <summary>A rejection recorded with these codes.</summary>
    public static ScoreEcgOutcome Rejected(IReadOnlyList<string> codes) => new() { Kind = ScoreEcgOutcomeKind.Rejected, Codes = codes };
}

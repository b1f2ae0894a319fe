namespace EcgBridge.Pipeline.Accept;

/// <summary>What accepting a file came to: accepted (durable, queued for scoring), a duplicate of an earlier file, rejected with codes, or unavailable (nothing recorded; try again).</summary>
public sealed record FileIngestAnswer(FileIngestOutcome Outcome, IReadOnlyList<string> Codes);

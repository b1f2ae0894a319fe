namespace EcgBridge.Core.Audit;

/// <summary>
/// A RiskAssessment search: filters, page size, order, and where the page starts (keyset paging, so a client paging
/// through the results sees every one that existed when it started exactly once, however many are inserted meanwhile).
/// </summary>
/// <param name="Subject">Exact stored subject key (<c>Patient/123</c>, or <c>system|value</c> of a logical identifier).</param>
/// <param name="SubjectIdentifierValue">
/// A logical identifier's value given without its system (<c>subject:identifier=123</c> or <c>|123</c>): matches any system.
/// </param>
/// <param name="OccurredFrom">Inclusive lower bound of the occurrence.</param>
/// <param name="OccurredBefore">Exclusive upper bound of the occurrence.</param>
/// <param name="Count">Page size; 0 asks for the total only.</param>
/// <param name="Ascending">Oldest first when true; newest first otherwise. Results without an occurrence come last.</param>
/// <param name="Position">Start strictly after (or, <paramref name="Backward"/>, strictly before) this key; null for an end.</param>
/// <param name="Backward">The page that ends just before <paramref name="Position"/>, or the last page when there is none.</param>
public sealed record RiskAssessmentSearch(
    string? Subject,
    string? SubjectIdentifierValue,
    DateTimeOffset? OccurredFrom,
    DateTimeOffset? OccurredBefore,
    int Count,
    bool Ascending = false,
    RiskAssessmentKey? Position = null,
    bool Backward = false);

/// <summary>A RiskAssessment's place in the search order: occurrence (microseconds, UTC) then id.</summary>
public sealed record RiskAssessmentKey(DateTimeOffset? Occurrence, string Id);

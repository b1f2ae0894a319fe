namespace EcgBridge.Core.Audit;

/// <summary>
/// Port: the RiskAssessments the FHIR read API serves, each checked against its audit row's hash.
/// </summary>
public interface IRiskAssessmentStore
{
    /// <summary>The stored RiskAssessment JSON, or null when the id is unknown.</summary>
    Task<string?> GetRiskAssessmentJsonAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// The stored RiskAssessment JSON only when it hashes to the audit row's recorded hash; otherwise a coverage code
    /// (mismatch, not recorded for rows older than coverage hashes, not found). For the FHIR read API.
    /// </summary>
    Task<CoverageCheck> CheckRiskAssessmentAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// One page of RiskAssessments matching <paramref name="search"/> (keyset paging), with the total number of matches.
    /// </summary>
    Task<RiskAssessmentPage> SearchRiskAssessmentsAsync(RiskAssessmentSearch search, CancellationToken cancellationToken);
}

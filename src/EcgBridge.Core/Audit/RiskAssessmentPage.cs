namespace EcgBridge.Core.Audit;

/// <summary>
/// One page of a RiskAssessment search, in the order asked for: <see cref="Total"/> matches in all;
/// <see cref="HasNext"/> / <see cref="HasPrevious"/> tell whether rows exist after the last / before the first item.
/// </summary>
public sealed record RiskAssessmentPage(int Total, IReadOnlyList<RiskAssessmentDocument> Items, bool HasNext = false, bool HasPrevious = false)
{
    /// <summary>The key of an item, for a cursor.</summary>
    public static RiskAssessmentKey KeyOf(RiskAssessmentDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new RiskAssessmentKey(document.Occurrence, document.Id);
    }
}

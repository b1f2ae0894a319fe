namespace EcgBridge.Core.Audit;

/// <summary>One page of a RiskAssessment search: <see cref="Total"/> matches in all, newest occurrence first.</summary>
public sealed record RiskAssessmentPage(int Total, IReadOnlyList<RiskAssessmentDocument> Items);

namespace EcgBridge.Pipeline.Answers;

/// <summary>One issue of an <see cref="OperationOutcomeJson"/> body.</summary>
internal readonly record struct OutcomeIssue(string Severity, string FhirIssueCode, string Code, string? Location);

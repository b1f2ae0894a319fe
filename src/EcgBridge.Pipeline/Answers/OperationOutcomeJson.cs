using System.Text.Json;
using EcgBridge.Core.Issues;

namespace EcgBridge.Pipeline.Answers;

/// <summary>
/// OperationOutcome bodies for the host's own answers (404, 413, 415, 503, accepted): codes and locations only,
/// written directly as JSON so an error path needs no model.
/// </summary>
internal static class OperationOutcomeJson
{
    public const string ContentType = "application/fhir+json; charset=utf-8";

    /// <summary>One issue with our code.</summary>
    public static byte[] Create(string severity, string fhirIssueCode, string code, string? location, string? diagnostics = null) =>
        Create([new OutcomeIssue(severity, fhirIssueCode, code, location)], diagnostics);

    /// <summary>An OperationOutcome listing coded issues (FHIR issue type "processing" unless given).</summary>
    public static byte[] Create(IReadOnlyList<OutcomeIssue> issues, string? diagnostics = null)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("resourceType", "OperationOutcome");
            writer.WriteStartArray("issue");
            foreach (OutcomeIssue issue in issues)
            {
                writer.WriteStartObject();
                writer.WriteString("severity", issue.Severity);
                writer.WriteString("code", issue.FhirIssueCode);
                writer.WriteStartObject("details");
                writer.WriteStartArray("coding");
                writer.WriteStartObject();
                writer.WriteString("system", Fhir.FhirSystems.ErrorCodes);
                writer.WriteString("code", issue.Code);
                writer.WriteEndObject();
                writer.WriteEndArray();
                writer.WriteEndObject();
                if (diagnostics is not null)
                {
                    writer.WriteString("diagnostics", diagnostics);
                }

                if (!string.IsNullOrEmpty(issue.Location))
                {
                    writer.WriteStartArray("expression");
                    writer.WriteStringValue(issue.Location);
                    writer.WriteEndArray();
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Issues of a rejected input (errors and warnings), as an OperationOutcome.</summary>
    public static byte[] FromIssues(IssueList issues)
    {
        var list = new List<OutcomeIssue>(issues.Count);
        foreach (Issue issue in issues)
        {
            string severity = issue.Severity switch
            {
                IssueSeverity.Fatal => "fatal",
                IssueSeverity.Error => "error",
                IssueSeverity.Warning => "warning",
                _ => "information",
            };
            list.Add(new OutcomeIssue(severity, issue.IsError ? "invalid" : "informational", issue.Code, issue.Location));
        }

        return Create(list);
    }
}

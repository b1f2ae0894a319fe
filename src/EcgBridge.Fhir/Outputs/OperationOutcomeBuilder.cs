using EcgBridge.Core.Issues;
using Hl7.Fhir.Model;

namespace EcgBridge.Fhir.Outputs;

/// <summary>
/// Turns coded issues into an OperationOutcome: severity, FHIR issue type, our code in details.coding and the FHIRPath
/// location in expression. Never echoes input values: an issue carries none to echo.
/// </summary>
public static class OperationOutcomeBuilder
{
    /// <summary>Builds the OperationOutcome; an empty list gives one informational "ok" issue (issue is 1..*).</summary>
    public static OperationOutcome From(IReadOnlyList<Issue> issues)
    {
        ArgumentNullException.ThrowIfNull(issues);
        var outcome = new OperationOutcome();
        foreach (Issue issue in issues)
        {
            var component = new OperationOutcome.IssueComponent
            {
                Severity = Severity(issue.Severity),
                Code = IssueType(issue.Code, issue.Severity),
                Details = new CodeableConcept(FhirSystems.ErrorCodes, issue.Code) { Text = issue.Code },
            };

            if (!string.IsNullOrWhiteSpace(issue.Location))
            {
                if (IsFhirPath(issue.Location))
                {
                    component.Expression = [issue.Location];
                }
                else
                {
                    // "lead V2", "line 3", "body", "OBX[3]-5": positions, not FHIRPath; issue.location is the free-form slot.
                    component.Location = [issue.Location];
                }
            }

            outcome.Issue.Add(component);
        }

        if (outcome.Issue.Count == 0)
        {
            outcome.Issue.Add(new OperationOutcome.IssueComponent
            {
                Severity = OperationOutcome.IssueSeverity.Information,
                Code = OperationOutcome.IssueType.Informational,
                Details = new CodeableConcept { Text = "ok" },
            });
        }

        return outcome;
    }

    /// <summary>The FHIR issue type (http://hl7.org/fhir/issue-type) for one of our codes.</summary>
    public static OperationOutcome.IssueType IssueType(string code, IssueSeverity severity)
    {
        ArgumentNullException.ThrowIfNull(code);
        return code switch
        {
            FhirCodes.BodyTooLarge or FhirCodes.BundleTooManyEcgs => OperationOutcome.IssueType.TooLong,
            FhirCodes.NestingTooDeep => OperationOutcome.IssueType.TooCostly,
            FhirCodes.InstanceInvalid => OperationOutcome.IssueType.Invalid,
            FhirCodes.SyntaxInvalid or FhirCodes.StructureInvalid or FhirCodes.FormatUnknown => OperationOutcome.IssueType.Structure,
            FhirCodes.BodyEmpty or FhirCodes.BundleNoEcg or FhirCodes.ObservationNoLeads or FhirCodes.DataMissing
                or FhirCodes.OriginMissing or FhirCodes.OriginUnitMissing or EcgCodes.LeadsMissing => OperationOutcome.IssueType.Required,
            FhirCodes.ResourceTypeUnsupported or FhirCodes.BundleTypeUnsupported or FhirCodes.InterleavedOrderMissing or FhirCodes.ProfileUnknown
                or EcgCodes.UnitUnsupported or EcgCodes.SampleRateUnsupported => OperationOutcome.IssueType.NotSupported,
            FhirCodes.DataNotNumeric or FhirCodes.DataCountMismatch or FhirCodes.DimensionsInvalid or FhirCodes.PeriodInvalid
                or FhirCodes.PeriodMismatch or FhirCodes.DataPointInvalid or EcgCodes.LeadLengthMismatch or EcgCodes.TooShort
                or EcgCodes.SampleInvalid => OperationOutcome.IssueType.Value,
            EcgCodes.LeadUnknown or EcgCodes.LeadLabelMismatch => OperationOutcome.IssueType.CodeInvalid,
            EcgCodes.LeadDuplicate => OperationOutcome.IssueType.Duplicate,
            EcgCodes.LeadFlat or EcgCodes.LeadSaturated or EcgCodes.AmplitudeImplausible => OperationOutcome.IssueType.BusinessRule,
            EcgCodes.PreprocessingUnsupported => OperationOutcome.IssueType.Exception,
            _ => severity >= IssueSeverity.Error ? OperationOutcome.IssueType.Processing : OperationOutcome.IssueType.Informational,
        };
    }

    private static OperationOutcome.IssueSeverity Severity(IssueSeverity severity) => severity switch
    {
        IssueSeverity.Information => OperationOutcome.IssueSeverity.Information,
        IssueSeverity.Warning => OperationOutcome.IssueSeverity.Warning,
        IssueSeverity.Error => OperationOutcome.IssueSeverity.Error,
        _ => OperationOutcome.IssueSeverity.Fatal,
    };

    /// <summary>A FHIRPath location starts with a resource type (upper-case letter) and has no blanks.</summary>
    private static bool IsFhirPath(string location) =>
        char.IsAsciiLetterUpper(location[0]) && !location.Contains(' ', StringComparison.Ordinal) && !location.Contains('-', StringComparison.Ordinal);
}

using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;

namespace EcgBridge.Fhir.Validation;

/// <summary>One finding of the FHIR validator: severity, FHIRPath location and text.</summary>
public sealed record FhirValidationIssue(OperationOutcome.IssueSeverity Severity, string Location, string Text)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Severity} {Location}: {Text}";
}

/// <summary>
/// Firely's profile validator (Firely.Fhir.Validation.R4) over the R4 core specification
/// (Hl7.Fhir.Specification.Data.R4's specification.zip, copied beside the binary) plus the conformance resources
/// EcgBridge defines or uses (<see cref="ConformanceResources"/>). Validates against the base resource definitions and
/// any <c>meta.profile</c> it can resolve; terminology only for value sets of the core specification (no terminology
/// server). The validator and its caches are not thread-safe: calls are serialized (the first call compiles the
/// definitions it needs, a few seconds; later ones take milliseconds).
/// </summary>
public sealed class FhirProfileValidator
{
    private static readonly Lazy<FhirProfileValidator> Shared = new(() => new FhirProfileValidator());
    private readonly Lock _gate = new();
    private readonly Validator _validator;

    /// <summary>Loads the specification from <c>specification.zip</c> beside the application.</summary>
    public FhirProfileValidator()
    {
        string zip = Path.Combine(AppContext.BaseDirectory, "specification.zip");
        if (!File.Exists(zip))
        {
            throw new FileNotFoundException("The FHIR R4 specification (specification.zip) is not beside the application.", zip);
        }

        var specification = new ZipSource(zip);
        var source = new MultiResolver(new InMemoryResourceResolver([.. ConformanceResources.All(), CorrectedReference(specification)]), specification);
        var resolver = new CachedResolver(new SnapshotSource(source));
        var terminology = new LocalTerminologyService(resolver.AsAsync());
        _validator = new Validator(resolver.AsAsync(), terminology);
    }

    /// <summary>
    /// R4's Reference with the published correction of ref-1 (FHIR R4B/R5 guard it with <c>reference.exists() implies</c>):
    /// with the R4 text, Firely's validator fails every identifier-only reference (FirelyTeam/firely-net-sdk#2199,
    /// #2862, #3571) — and EcgBridge writes those on purpose (a patient or an HL7 ECG known by identifier only).
    /// </summary>
    private static StructureDefinition CorrectedReference(ZipSource specification)
    {
        var reference = (StructureDefinition)specification.ResolveByCanonicalUri("http://hl7.org/fhir/StructureDefinition/Reference")!;
        foreach (ElementDefinition.ConstraintComponent constraint in (reference.Snapshot?.Element ?? []).Concat(reference.Differential?.Element ?? [])
            .SelectMany(e => e.Constraint).Where(c => c.Key == "ref-1"))
        {
            constraint.Expression = "reference.exists() implies (" + constraint.Expression + ")";
        }

        return reference;
    }

    /// <summary>One validator per process (the compiled definitions are its cache).</summary>
    public static FhirProfileValidator Instance => Shared.Value;

    /// <summary>Validates a resource; returns every issue the validator raised (information included).</summary>
    public IReadOnlyList<FhirValidationIssue> Validate(Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        OperationOutcome outcome;
        lock (_gate)
        {
            outcome = _validator.Validate(resource);
        }

        return [.. outcome.Issue.Select(i => new FhirValidationIssue(
            i.Severity ?? OperationOutcome.IssueSeverity.Information,
            string.Join(",", i.Expression ?? []),
            i.Details?.Text ?? i.Diagnostics ?? i.Code?.ToString() ?? ""))];
    }

    /// <summary>
    /// Errors, fatal issues and warnings, except the one warning that is explained: the local terminology service
    /// cannot expand grammar-based code systems (BCP 13 MIME types, BCP 47 languages) without a terminology server; the
    /// MIME types we write are constants checked by our tests.
    /// </summary>
    public static IReadOnlyList<FhirValidationIssue> Unexplained(IEnumerable<FhirValidationIssue> issues) =>
        [.. issues.Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal
            || (i.Severity == OperationOutcome.IssueSeverity.Warning && !IsGrammarCodeSystemLimit(i)))];

    private static bool IsGrammarCodeSystemLimit(FhirValidationIssue issue) =>
        issue.Text.Contains("cannot find codesystem 'urn:ietf:bcp:13'", StringComparison.Ordinal)
        || issue.Text.Contains("cannot find codesystem 'urn:ietf:bcp:47'", StringComparison.Ordinal);

    /// <summary>
    /// Inbound check: each error becomes FHIR-INSTANCE-INVALID at the validator's FHIRPath (at most 20); true when none.
    /// The validator's text is not kept (it can quote values).
    /// </summary>
    public static bool Check(Resource resource, Core.Issues.IssueList issues)
    {
        ArgumentNullException.ThrowIfNull(issues);
        IReadOnlyList<FhirValidationIssue> errors = Errors(Instance.Validate(resource));
        foreach (FhirValidationIssue error in errors.Take(20))
        {
            issues.Error(FhirCodes.InstanceInvalid, string.IsNullOrEmpty(error.Location) ? resource.TypeName : error.Location.Split(',')[0]);
        }

        return errors.Count == 0;
    }

    /// <summary>Only the errors and fatal issues.</summary>
    public static IReadOnlyList<FhirValidationIssue> Errors(IEnumerable<FhirValidationIssue> issues) =>
        [.. issues.Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal)];
}

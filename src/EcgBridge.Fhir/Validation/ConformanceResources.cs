using Hl7.Fhir.Model;

namespace EcgBridge.Fhir.Validation;

/// <summary>
/// The conformance resources behind what EcgBridge writes: its code systems (served at their canonical URLs by the
/// service) and the model-card extension of the HL7 AI Transparency on FHIR IG (which the validator cannot download).
/// </summary>
public static class ConformanceResources
{
    /// <summary>Every resource, for the validator's resolver.</summary>
    public static IReadOnlyList<Resource> All() => [.. CodeSystems(), ModelCardExtension()];

    /// <summary>The local code systems: outcomes, models, error codes.</summary>
    public static IReadOnlyList<CodeSystem> CodeSystems() =>
    [
        CodeSystem(FhirSystems.Outcome, "outcome", "EcgBridgePredictedOutcome", "Outcomes an EcgBridge model predicts.", CodeSystemContentMode.Complete,
            new CodeSystem.ConceptDefinitionComponent { Code = FhirSystems.OutcomeOmiCode, Display = "Occlusion myocardial infarction" }),
        CodeSystem(FhirSystems.Model, "model", "EcgBridgeModel", "Models EcgBridge runs (code = model name, version in Coding.version).", CodeSystemContentMode.Fragment),
        CodeSystem(FhirSystems.ErrorCodes, "error-codes", "EcgBridgeErrorCode", "EcgBridge's error codes (docs/error-codes.md).", CodeSystemContentMode.Fragment),
    ];

    /// <summary>
    /// <c>aitransparency.modelCardDescription</c> (AI Transparency on FHIR 1.0.0-ballot): on Device, a Reference to the
    /// model card's DocumentReference.
    /// </summary>
    public static StructureDefinition ModelCardExtension() => new()
    {
        Id = "aitransparency.modelCardDescription",
        Url = FhirSystems.ModelCardExtension,
        Version = "1.0.0-ballot",
        Name = "ModelCardDescription",
        Title = "Model-Card",
        Status = PublicationStatus.Draft,
        FhirVersion = FHIRVersion.N4_0_1,
        Kind = StructureDefinition.StructureDefinitionKind.ComplexType,
        Abstract = false,
        Context = [new StructureDefinition.ContextComponent { Type = StructureDefinition.ExtensionContextType.Element, Expression = "Device" }],
        Type = "Extension",
        BaseDefinition = "http://hl7.org/fhir/StructureDefinition/Extension",
        Derivation = StructureDefinition.TypeDerivationRule.Constraint,
        Differential = new StructureDefinition.DifferentialComponent
        {
            Element =
            [
                new ElementDefinition("Extension") { ElementId = "Extension", Short = "Model-Card", Definition = new Markdown("When the Device is described by a Model-Card, this extension references it.") },
                new ElementDefinition("Extension.extension") { ElementId = "Extension.extension", Max = "0" },
                new ElementDefinition("Extension.url") { ElementId = "Extension.url", Fixed = new FhirUri(FhirSystems.ModelCardExtension) },
                new ElementDefinition("Extension.value[x]")
                {
                    ElementId = "Extension.value[x]",
                    Min = 1,
                    Type = [new ElementDefinition.TypeRefComponent { Code = "Reference", TargetProfile = ["http://hl7.org/fhir/StructureDefinition/DocumentReference"] }],
                },
            ],
        },
    };

    private static CodeSystem CodeSystem(string url, string id, string name, string description, CodeSystemContentMode content, params CodeSystem.ConceptDefinitionComponent[] concepts) => new()
    {
        Id = id,
        Url = url,
        Name = name,
        Status = PublicationStatus.Active,
        Description = new Markdown(description),
        CaseSensitive = true,
        Content = content,
        Concept = [.. concepts],
    };
}

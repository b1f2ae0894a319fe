using Hl7.Fhir.Model;

namespace EcgBridge.Fhir.Outputs;

/// <summary>Builds the Provenance of a RiskAssessment: the model Device as author, the input ECG as source entity.</summary>
public static class ProvenanceBuilder
{
    /// <summary>
    /// Builds the Provenance. <paramref name="dedupeKey"/> is the RiskAssessment's, so the Provenance id is deterministic too;
    /// <paramref name="recorded"/> is when the assessment was made.
    /// </summary>
    public static Provenance Build(string riskAssessmentReference, string deviceReference, string? inputReference, DateTimeOffset recorded, string dedupeKey)
    {
        ArgumentNullException.ThrowIfNull(riskAssessmentReference);
        ArgumentNullException.ThrowIfNull(deviceReference);
        ArgumentNullException.ThrowIfNull(dedupeKey);
        var provenance = new Provenance
        {
            Id = FhirIds.ForKind("Provenance", dedupeKey),
            Target = [new ResourceReference(riskAssessmentReference)],
            Recorded = recorded,
            Activity = new CodeableConcept("http://terminology.hl7.org/CodeSystem/v3-DataOperation", "CREATE", "create"),
            Agent =
            [
                new Provenance.AgentComponent
                {
                    Type = new CodeableConcept("http://terminology.hl7.org/CodeSystem/provenance-participant-type", "author", "Author"),
                    Who = new ResourceReference(deviceReference),
                },
            ],
        };

        if (!string.IsNullOrWhiteSpace(inputReference))
        {
            provenance.Entity = [new Provenance.EntityComponent { Role = Provenance.ProvenanceEntityRole.Source, What = new ResourceReference(inputReference) }];
        }

        return provenance;
    }
}

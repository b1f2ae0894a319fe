using Hl7.Fhir.Model;

namespace EcgBridge.Fhir.Outputs;

/// <summary>
/// The result as the EHR receives it: one transaction Bundle with the model Device, the RiskAssessment and its
/// Provenance, each a conditional create, linked by <c>urn:uuid</c> full URLs (the EHR replaces them with its own ids,
/// or with the ids of the resources the conditions matched). A redelivery creates nothing twice: the Device matches on
/// its SHA-256 identifier, the RiskAssessment on its deterministic identifier, the Provenance on its target's identifier.
/// </summary>
public static class EhrTransactionBuilder
{
    /// <summary>Builds the transaction. <paramref name="recorded"/> is when the assessment was made.</summary>
    public static Bundle Build(RiskAssessment assessment, Device device, DateTimeOffset recorded)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(device);
        Identifier raIdentifier = assessment.Identifier.First(i => i.System == FhirSystems.RiskAssessmentIdentifier);
        Identifier deviceIdentifier = device.Identifier.First(i => i.System == FhirSystems.ModelSha256Identifier);
        string deviceUrl = Urn("Device", device.Id);
        string assessmentUrl = Urn("RiskAssessment", assessment.Id);

        var sent = (RiskAssessment)assessment.DeepCopy();
        sent.Id = null;
        sent.Meta = null;
        sent.Performer = new ResourceReference(deviceUrl, assessment.Performer?.Display);
        var sentDevice = (Device)device.DeepCopy();
        sentDevice.Id = null;

        Provenance provenance = ProvenanceBuilder.Build(assessmentUrl, deviceUrl, null, recorded, assessment.Id ?? raIdentifier.Value ?? "");
        provenance.Id = null;
        if (assessment.Basis.FirstOrDefault() is { } basis)
        {
            provenance.Entity = [new Provenance.EntityComponent { Role = Provenance.ProvenanceEntityRole.Source, What = (ResourceReference)basis.DeepCopy() }];
        }

        return new Bundle
        {
            Type = Bundle.BundleType.Transaction,
            Entry =
            [
                Entry(deviceUrl, sentDevice, "Device", "identifier=" + Token(deviceIdentifier)),
                Entry(assessmentUrl, sent, "RiskAssessment", "identifier=" + Token(raIdentifier)),
                Entry(Urn("Provenance", assessment.Id), provenance, "Provenance", "target:RiskAssessment.identifier=" + Token(raIdentifier)),
            ],
        };
    }

    private static Bundle.EntryComponent Entry(string fullUrl, Resource resource, string type, string condition) => new()
    {
        FullUrl = fullUrl,
        Resource = resource,
        Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = type, IfNoneExist = condition },
    };

    private static string Token(Identifier identifier) => Uri.EscapeDataString(identifier.System ?? "") + "|" + Uri.EscapeDataString(identifier.Value ?? "");

    /// <summary>A stable <c>urn:uuid</c> from a resource kind and id (the same result always gets the same one).</summary>
    private static string Urn(string kind, string? id)
    {
        string hex = FhirIds.ForKind("urn:" + kind, id ?? "");
        return "urn:uuid:" + new Guid(Convert.FromHexString(hex.AsSpan(0, 32))).ToString("D");
    }
}

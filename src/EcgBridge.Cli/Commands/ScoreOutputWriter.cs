using EcgBridge.Fhir.Outputs;
using EcgBridge.Fhir.Serialization;
using EcgBridge.Inference;
using Hl7.Fhir.Model;

namespace EcgBridge.Cli.Commands;

/// <summary>Writes the FHIR outputs of a scored ECG: RiskAssessment, its Provenance, and the model's Device (once per run).</summary>
internal static class ScoreOutputWriter
{
    /// <summary>Writes <c>&lt;model&gt;.device.json</c> and returns the Device reference the assessments point to.</summary>
    public static string WriteDevice(ModelManifest manifest, string outputDirectory)
    {
        Device device = ModelDeviceBuilder.Build(manifest.Identity, new Uri(Path.GetFullPath(Path.Combine(manifest.Directory, "MODEL_CARD.md"))).AbsoluteUri);
        File.WriteAllText(Path.Combine(outputDirectory, $"{manifest.Name}.device.json"), FhirSerializer.ToJson(device, pretty: true));
        return $"Device/{device.Id}";
    }

    /// <summary>Writes <c>&lt;input&gt;.riskassessment.json</c> and <c>&lt;input&gt;.provenance.json</c>; returns the first path.</summary>
    public static string Write(ScoreResult result, ModelManifest manifest, string deviceReference, string outputDirectory)
    {
        string? basis = string.IsNullOrWhiteSpace(result.Recording.Source.ObservationId)
            ? null
            : $"Observation/{result.Recording.Source.ObservationId}";
        RiskAssessment assessment = RiskAssessmentBuilder.Build(new RiskAssessmentRequest
        {
            Prediction = result.Prediction,
            Thresholds = manifest.Thresholds,
            DedupeKey = result.DedupeKey,
            Source = result.Recording.Source,
            AcquisitionTime = result.Recording.AcquisitionTime,
            BasisReference = basis,
            DeviceReference = deviceReference,
        });
        Provenance provenance = ProvenanceBuilder.Build(
            $"RiskAssessment/{assessment.Id}", deviceReference, basis, DateTimeOffset.UtcNow, result.DedupeKey);

        string path = Path.Combine(outputDirectory, result.OutputStem + ".riskassessment.json");
        File.WriteAllText(path, FhirSerializer.ToJson(assessment, pretty: true));
        File.WriteAllText(Path.Combine(outputDirectory, result.OutputStem + ".provenance.json"), FhirSerializer.ToJson(provenance, pretty: true));
        return path;
    }
}

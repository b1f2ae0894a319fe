using EcgBridge.Core.Scoring;
using Hl7.Fhir.Model;

namespace EcgBridge.Fhir.Outputs;

/// <summary>Builds the Device resource that describes a model (RiskAssessment.performer, Provenance.agent).</summary>
public static class ModelDeviceBuilder
{
    /// <summary>The deterministic Device id of a model: one Device per name + version + weights hash.</summary>
    public static string DeviceId(ModelIdentity model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return FhirIds.ForKind("Device", $"{model.Name}|{model.Version}|{model.Sha256}");
    }

    /// <summary>Builds the Device: name, version, SHA-256 identifier, optional model card link, clinical-use note.</summary>
    public static Device Build(ModelIdentity model, string? modelCardUrl = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var device = new Device
        {
            Id = DeviceId(model),
            Identifier = [new Identifier(FhirSystems.ModelSha256Identifier, model.Sha256)],
            Status = Device.FHIRDeviceStatus.Active,
            Manufacturer = "EcgBridge",
            DeviceName = [new Device.DeviceNameComponent { Name = model.Name, Type = DeviceNameType.ModelName }],
            ModelNumber = model.Name,
            Type = new CodeableConcept { Text = "ECG AI model (software)" },
            Version =
            [
                new Device.VersionComponent { Type = new CodeableConcept { Text = "model" }, Value = model.Version },
                new Device.VersionComponent { Type = new CodeableConcept { Text = "preprocessing" }, Value = model.PreprocessingVersion },
            ],
        };

        if (!string.IsNullOrWhiteSpace(modelCardUrl))
        {
            device.Extension.Add(new Extension(FhirSystems.ModelCardExtension, new FhirUrl(modelCardUrl)));
        }

        if (model.NotForClinicalUse)
        {
            device.Note = [new Annotation { Text = "Not for clinical use: demonstration model weights." }];
        }

        if (!string.IsNullOrWhiteSpace(model.IntendedUse))
        {
            device.Note.Add(new Annotation { Text = "Intended use: " + model.IntendedUse.Trim() });
        }

        return device;
    }
}

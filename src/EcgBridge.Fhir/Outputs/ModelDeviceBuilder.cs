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

    /// <summary>Id of the contained model-card DocumentReference.</summary>
    public const string ModelCardId = "model-card";

    /// <summary>The model-card URL of a Device built with one, or null.</summary>
    public static string? ModelCardUrl(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return device.Contained.OfType<DocumentReference>().FirstOrDefault(d => d.Id == ModelCardId)?.Content.FirstOrDefault()?.Attachment?.Url;
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
            // AI Transparency on FHIR: the card is a DocumentReference (contained: it has no life of its own) whose
            // attachment is the card the service publishes.
            device.Contained.Add(new DocumentReference
            {
                Id = ModelCardId,
                Status = DocumentReferenceStatus.Current,
                Type = new CodeableConcept { Text = "AI Model-Card" },
                Description = $"Model card of {model.Name} {model.Version}",
                Content =
                [
                    new DocumentReference.ContentComponent
                    {
                        Attachment = new Attachment { ContentType = "text/markdown", Url = modelCardUrl, Title = $"{model.Name} {model.Version} model card" },
                    },
                ],
            });
            device.Extension.Add(new Extension(FhirSystems.ModelCardExtension, new ResourceReference("#" + ModelCardId)));
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

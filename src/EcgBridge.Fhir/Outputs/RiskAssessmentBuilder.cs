using System.Globalization;
using EcgBridge.Core.Scoring;
using Hl7.Fhir.Model;

namespace EcgBridge.Fhir.Outputs;

/// <summary>Builds the R4 RiskAssessment for one prediction (DESIGN.md "Outputs").</summary>
public static class RiskAssessmentBuilder
{
    /// <summary>Display of the AIAST security label.</summary>
    public const string AiAssertedDisplay = "Artificial Intelligence asserted";

    /// <summary>Builds the resource; id and identifier are derived from <see cref="RiskAssessmentRequest.DedupeKey"/>.</summary>
    public static RiskAssessment Build(RiskAssessmentRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Prediction prediction = request.Prediction;
        ModelIdentity model = prediction.Model;
        string hash = FhirIds.Sha256Hex(request.DedupeKey);
        RiskLevel level = request.Thresholds.Classify(prediction.Probability);
        string levelCode = RiskThresholds.Code(level);

        var assessment = new RiskAssessment
        {
            Id = hash,
            Meta = new Meta
            {
                Security = [new Coding(FhirSystems.V3ObservationValue, "AIAST", AiAssertedDisplay)],
            },
            Identifier = [new Identifier(FhirSystems.RiskAssessmentIdentifier, hash)],
            Status = model.Shadow ? ObservationStatus.Preliminary : ObservationStatus.Final,
            Method = ModelConcept(model),
            Code = new CodeableConcept(FhirSystems.Outcome, FhirSystems.OutcomeOmiCode, "Occlusion myocardial infarction", "ECG AI risk of occlusion myocardial infarction"),
            Subject = Reference(request.Source.PatientId, request.Source.PatientIdSystem, "Patient") ?? new ResourceReference { Display = "Unidentified patient" },
            Encounter = Reference(request.Source.EncounterId, null, "Encounter"),
            Occurrence = request.AcquisitionTime is { } time ? new FhirDateTime(time) : null,
            Performer = request.DeviceReference is null ? null : new ResourceReference(request.DeviceReference),
            Prediction =
            [
                new RiskAssessment.PredictionComponent
                {
                    Outcome = new CodeableConcept
                    {
                        Coding =
                        [
                            new Coding(FhirSystems.Outcome, FhirSystems.OutcomeOmiCode, "Occlusion myocardial infarction"),
                            new Coding(FhirSystems.Snomed, FhirSystems.SnomedAcuteMi, "Acute myocardial infarction"),
                        ],
                        Text = "occlusion myocardial infarction",
                    },
                    Probability = new FhirDecimal(Math.Round((decimal)prediction.Probability, 6)),
                    QualitativeRisk = new CodeableConcept(FhirSystems.RiskProbability, levelCode, Display(level)),
                    Rationale = Rationale(model),
                },
            ],
        };

        if (request.BasisReference is not null)
        {
            assessment.Basis = [new ResourceReference(request.BasisReference)];
        }
        else if (request.BasisIdentifier is { } basis)
        {
            assessment.Basis = [new ResourceReference { Type = "Observation", Identifier = new Identifier(basis.System, basis.Value) }];
        }

        if (model.NotForClinicalUse)
        {
            assessment.Note = [new Annotation { Text = "Not for clinical use: demonstration model weights." }];
        }

        return assessment;
    }

    /// <summary>
    /// What a shadow model's score of an ECG looks like as a RiskAssessment, for auditors only (never delivered or
    /// served by the FHIR API): the primary's RiskAssessment of the same ECG (subject, basis, occurrence) with status
    /// preliminary, the shadow model as method and performer, its probability and risk, and its own id
    /// (SHA-256 of the primary's id and the shadow model's SHA-256).
    /// </summary>
    public static RiskAssessment ShadowOf(RiskAssessment primary, ModelIdentity shadow, double probability, RiskLevel level)
    {
        ArgumentNullException.ThrowIfNull(primary);
        ArgumentNullException.ThrowIfNull(shadow);
        var assessment = (RiskAssessment)primary.DeepCopy();
        string id = FhirIds.Sha256Hex(primary.Id + "|" + shadow.Sha256);
        assessment.Id = id;
        assessment.Meta = new Meta { Security = [new Coding(FhirSystems.V3ObservationValue, "AIAST", AiAssertedDisplay)] };
        assessment.Identifier = [new Identifier(FhirSystems.RiskAssessmentIdentifier, id)];
        assessment.Status = ObservationStatus.Preliminary;
        assessment.Method = ModelConcept(shadow);
        assessment.Performer = new ResourceReference("Device/" + ModelDeviceBuilder.DeviceId(shadow));
        RiskAssessment.PredictionComponent prediction = assessment.Prediction[0];
        prediction.Probability = new FhirDecimal(Math.Round((decimal)probability, 6));
        prediction.QualitativeRisk = new CodeableConcept(FhirSystems.RiskProbability, RiskThresholds.Code(level), Display(level));
        prediction.Rationale = Rationale(shadow);
        assessment.Note = [new Annotation { Text = "Shadow score of a candidate model: recorded for evaluation, never delivered, not a clinical result." }];
        return assessment;
    }

    /// <summary>RiskAssessment.method: the model as a coding with its version.</summary>
    public static CodeableConcept ModelConcept(ModelIdentity model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new CodeableConcept
        {
            Coding = [new Coding(FhirSystems.Model, model.Name, model.Name) { Version = model.Version }],
            Text = $"{model.Name} {model.Version}",
        };
    }

    private static string Rationale(ModelIdentity model)
    {
        string intendedUse = string.IsNullOrWhiteSpace(model.IntendedUse) ? "research use" : model.IntendedUse.Trim();
        string text = string.Create(CultureInfo.InvariantCulture, $"Model {model.Name} {model.Version} (sha256 {model.Sha256}, preprocessing {model.PreprocessingVersion}). Intended use: {intendedUse}");
        return model.NotForClinicalUse ? text + " Not for clinical use." : text;
    }

    private static string Display(RiskLevel level) => level switch
    {
        RiskLevel.Negligible => "Negligible likelihood",
        RiskLevel.Low => "Low likelihood",
        RiskLevel.Moderate => "Moderate likelihood",
        _ => "High likelihood",
    };

    /// <summary>
    /// A literal reference when the id already is one (<c>Patient/1</c>, an absolute URL); otherwise a logical
    /// reference by identifier (HL7 v2 PID-3 values).
    /// </summary>
    /// <summary>
    /// The search key (<c>Patient/123</c> or <c>system|value</c>) of the subject a RiskAssessment gets for this patient id
    /// and assigning authority — what outcome feedback over HL7 v2 (PID-3) is checked against.
    /// </summary>
    public static string? SubjectKeyOf(string? patientId, string? system) =>
        Feedback.OutcomeFeedbackReader.SubjectKey(Reference(patientId, system, "Patient"));

    internal static ResourceReference? Reference(string? id, string? system, string resourceType)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        if (id.StartsWith(resourceType + "/", StringComparison.Ordinal) || id.StartsWith("urn:uuid:", StringComparison.Ordinal)
            || id.StartsWith("http://", StringComparison.Ordinal) || id.StartsWith("https://", StringComparison.Ordinal))
        {
            return new ResourceReference(id);
        }

        return new ResourceReference
        {
            Type = resourceType,
            Identifier = new Identifier(string.IsNullOrWhiteSpace(system) ? null : AsUri(system), id),
        };
    }

    // HL7 v2 assigning authorities are names, not URIs; FHIR identifier.system must be a URI.
    private static string AsUri(string system) =>
        system.Contains(':', StringComparison.Ordinal) ? system : "urn:ecgbridge:assigning-authority:" + Uri.EscapeDataString(system);
}

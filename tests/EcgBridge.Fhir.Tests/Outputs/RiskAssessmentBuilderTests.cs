using EcgBridge.Core;
using EcgBridge.Core.Scoring;
using EcgBridge.Fhir.Outputs;
using Hl7.Fhir.Model;

namespace EcgBridge.Fhir.Tests.Outputs;

public class RiskAssessmentBuilderTests
{
    private static readonly ModelIdentity Model = new("ecg-smart-net", "1.2.0", new string('a', 64), "v1")
    {
        IntendedUse = "Research on occlusion MI detection from 12-lead ECGs.",
    };

    private static RiskAssessmentRequest Request(double probability = 0.73, ModelIdentity? model = null, string key = "CART|WARD|MSG-1|abc") => new()
    {
        Prediction = new Prediction(probability, RiskLevel.High, probability >= 0.5, model ?? Model),
        Thresholds = new RiskThresholds(),
        DedupeKey = key,
        Source = new EcgSource { PatientId = "Patient/p1", EncounterId = "Encounter/e1" },
        AcquisitionTime = new DateTimeOffset(2026, 11, 23, 9, 30, 0, TimeSpan.FromHours(1)),
        BasisReference = "Observation/ecg-1",
        DeviceReference = "Device/model-1",
    };

    [Fact]
    public void Carries_prediction_subject_basis_performer_and_AI_label()
    {
        RiskAssessment assessment = RiskAssessmentBuilder.Build(Request());

        Assert.Equal(ObservationStatus.Final, assessment.Status);
        Assert.Equal("Patient/p1", assessment.Subject!.Reference);
        Assert.Equal("Encounter/e1", assessment.Encounter!.Reference);
        Assert.Equal("2026-11-23T09:30:00+01:00", ((FhirDateTime)assessment.Occurrence!).Value);
        Assert.Equal("Observation/ecg-1", Assert.Single(assessment.Basis).Reference);
        Assert.Equal("Device/model-1", assessment.Performer!.Reference);
        Assert.Equal("ecg-smart-net", assessment.Method!.Coding[0].Code);
        Assert.Equal("1.2.0", assessment.Method!.Coding[0].Version);
        RiskAssessment.PredictionComponent prediction = Assert.Single(assessment.Prediction);
        Assert.Equal(0.73m, ((FhirDecimal)prediction.Probability!).Value);
        Assert.Contains(prediction.Outcome!.Coding, c => c.System == FhirSystems.Outcome && c.Code == "omi");
        Assert.Contains(prediction.Outcome!.Coding, c => c.System == "http://snomed.info/sct" && c.Code == "57054005");
        Assert.Equal("occlusion myocardial infarction", prediction.Outcome!.Text);
        Assert.Equal(("http://terminology.hl7.org/CodeSystem/risk-probability", "high"), (prediction.QualitativeRisk!.Coding[0].System, prediction.QualitativeRisk!.Coding[0].Code));
        Assert.Contains("ecg-smart-net", prediction.Rationale!, StringComparison.Ordinal);
        Assert.Contains(Model.IntendedUse, prediction.Rationale!, StringComparison.Ordinal);
        Coding security = Assert.Single(assessment.Meta!.Security);
        Assert.Equal(("http://terminology.hl7.org/CodeSystem/v3-ObservationValue", "AIAST"), (security.System, security.Code));
    }

    [Theory]
    [InlineData(0.01, "negligible")]
    [InlineData(0.05, "low")]
    [InlineData(0.3, "moderate")]
    [InlineData(0.5, "high")]
    public void Qualitative_risk_follows_the_manifest_thresholds(double probability, string code)
    {
        RiskAssessment assessment = RiskAssessmentBuilder.Build(Request(probability));

        Assert.Equal(code, assessment.Prediction[0].QualitativeRisk!.Coding[0].Code);
    }

    [Fact]
    public void The_same_dedupe_key_gives_the_same_identifier_and_id()
    {
        RiskAssessment first = RiskAssessmentBuilder.Build(Request());
        RiskAssessment retry = RiskAssessmentBuilder.Build(Request());
        RiskAssessment other = RiskAssessmentBuilder.Build(Request(key: "CART|WARD|MSG-2|abc"));

        Assert.Equal(first.Id, retry.Id);
        Identifier identifier = Assert.Single(first.Identifier);
        Assert.Equal(FhirSystems.RiskAssessmentIdentifier, identifier.System);
        Assert.Equal(FhirIds.Sha256Hex("CART|WARD|MSG-1|abc"), identifier.Value);
        Assert.NotEqual(first.Id, other.Id);
    }

    [Fact]
    public void A_shadow_model_gives_a_preliminary_assessment_and_demo_weights_say_not_for_clinical_use()
    {
        RiskAssessment assessment = RiskAssessmentBuilder.Build(Request(model: Model with { Shadow = true, NotForClinicalUse = true }));

        Assert.Equal(ObservationStatus.Preliminary, assessment.Status);
        Assert.Contains("Not for clinical use", assessment.Prediction[0].Rationale!, StringComparison.Ordinal);
        Assert.Contains("Not for clinical use", Assert.Single(assessment.Note).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_hl7_patient_identifier_becomes_a_logical_reference()
    {
        RiskAssessmentRequest request = Request() with { Source = new EcgSource { PatientId = "12345", PatientIdSystem = "HOSP MRN" } };

        RiskAssessment assessment = RiskAssessmentBuilder.Build(request);

        Assert.Null(assessment.Subject!.Reference);
        Assert.Equal("12345", assessment.Subject!.Identifier!.Value);
        Assert.StartsWith("urn:", assessment.Subject!.Identifier!.System, StringComparison.Ordinal);
        StrictRoundTrip.Assert(assessment);
    }

    [Fact]
    public void An_ECG_without_a_FHIR_id_is_the_basis_by_its_identifier()
    {
        RiskAssessmentRequest request = Request() with { BasisReference = null, BasisIdentifier = ("urn:ecgbridge:hl7v2-message:CART^ED", "MSG-42") };

        RiskAssessment assessment = RiskAssessmentBuilder.Build(request);

        ResourceReference basis = Assert.Single(assessment.Basis);
        Assert.Null(basis.Reference);
        Assert.Equal("Observation", basis.Type);
        Assert.Equal("MSG-42", basis.Identifier!.Value);
        StrictRoundTrip.Assert(assessment);
    }

    [Fact]
    public void Every_variant_round_trips_through_the_strict_parser()
    {
        StrictRoundTrip.Assert(RiskAssessmentBuilder.Build(Request()));
        StrictRoundTrip.Assert(RiskAssessmentBuilder.Build(Request(0.0001, Model with { Shadow = true, NotForClinicalUse = true })));
        StrictRoundTrip.Assert(RiskAssessmentBuilder.Build(Request() with { Source = new EcgSource(), AcquisitionTime = null, BasisReference = null, DeviceReference = null }));
    }
}

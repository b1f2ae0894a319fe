using EcgBridge.Core;
using EcgBridge.Core.Issues;
using EcgBridge.Core.Scoring;
using EcgBridge.Fhir.Outputs;
using EcgBridge.Fhir.Validation;
using EcgBridge.Wfdb;
using Hl7.Fhir.Model;
using Xunit.Abstractions;

namespace EcgBridge.Fhir.Tests.Validation;

/// <summary>Every resource kind the builders emit passes Firely's validator against the R4 base definitions.</summary>
public sealed class EmittedResourcesValidateTests(ITestOutputHelper output)
{
    private static readonly ModelIdentity Model = new("ecg-smart-net", "1.2.0", new string('a', 64), "v1")
    {
        IntendedUse = "Research on occlusion MI detection from 12-lead ECGs.",
        NotForClinicalUse = true,
    };

    public static TheoryData<string> Kinds => ["RiskAssessment", "Device", "Provenance", "Observation", "OperationOutcome"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Validates_with_no_errors_and_no_unexplained_warnings(string kind)
    {
        Resource resource = kind switch
        {
            "RiskAssessment" => RiskAssessmentBuilder.Build(new RiskAssessmentRequest
            {
                Prediction = new Prediction(0.73, RiskLevel.High, true, Model),
                Thresholds = new RiskThresholds(),
                DedupeKey = "CART|WARD|MSG-1|abc",
                Source = new EcgSource { PatientId = "Patient/p1", EncounterId = "Encounter/e1" },
                AcquisitionTime = new DateTimeOffset(2026, 11, 23, 9, 30, 0, TimeSpan.FromHours(1)),
                BasisReference = "Observation/ecg-1",
                DeviceReference = "Device/" + ModelDeviceBuilder.DeviceId(Model),
            }),
            "Device" => ModelDeviceBuilder.Build(Model, "https://ecg.hospital.org/model-card"),
            "Provenance" => ProvenanceBuilder.Build("RiskAssessment/ra-1", "Device/d-1", "Observation/ecg-1", DateTimeOffset.UtcNow, "key-1"),
            "Observation" => EcgObservationBuilder.Build(RealRecord(), new EcgObservationOptions()),
            _ => Outcome(),
        };

        IReadOnlyList<FhirValidationIssue> issues = FhirProfileValidator.Instance.Validate(resource);

        foreach (FhirValidationIssue issue in issues)
        {
            output.WriteLine(issue.ToString());
        }

        Assert.Empty(FhirProfileValidator.Unexplained(issues));
    }

    [Fact]
    public void The_code_systems_and_the_model_card_extension_are_valid_conformance_resources()
    {
        foreach (Resource resource in ConformanceResources.All())
        {
            Assert.Empty(FhirProfileValidator.Unexplained(FhirProfileValidator.Instance.Validate(resource)));
        }
    }

    [Fact]
    public void A_canonical_base_that_is_not_an_http_url_is_refused_and_changes_nothing()
    {
        string before = FhirSystems.CanonicalBase;

        Assert.Throws<ArgumentException>(() => FhirSystems.UseCanonicalBase("ecgbridge.org/fhir"));
        Assert.Throws<ArgumentException>(() => FhirSystems.UseCanonicalBase("https://ecgbridge.org/fhir?x=1"));

        Assert.Equal(before, FhirSystems.CanonicalBase);
    }

    private static OperationOutcome Outcome()
    {
        var issues = new IssueList();
        issues.Error(FhirCodes.PeriodInvalid, "Observation.component[3].valueSampledData.period");
        issues.Warning(EcgCodes.LeadUnknown, "Observation.component[11].code");
        return OperationOutcomeBuilder.From(issues);
    }

    private static EcgRecording RealRecord()
    {
        var issues = new IssueList();
        Assert.True(WfdbRecordReader.TryRead(TestFiles.WfdbHeader("HR06000"), issues, out EcgRecording? recording), string.Join(", ", issues));
        return recording!;
    }
}

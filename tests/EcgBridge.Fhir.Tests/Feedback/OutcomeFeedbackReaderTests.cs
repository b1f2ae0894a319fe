using EcgBridge.Core.Feedback;
using EcgBridge.Fhir.Feedback;
using Hl7.Fhir.Model;

namespace EcgBridge.Fhir.Tests.Feedback;

public class OutcomeFeedbackReaderTests
{
    private static readonly HashSet<string> OmiCodes = new(OutcomeFeedbackReader.DefaultOmiCodes, StringComparer.Ordinal);

    private static Condition Condition(string verification = "confirmed", string code = "401303003", string? evidence = "RiskAssessment/ra-1") => new()
    {
        Id = "c-1",
        VerificationStatus = new CodeableConcept("http://terminology.hl7.org/CodeSystem/condition-ver-status", verification),
        Code = new CodeableConcept(FhirSystems.Snomed, code),
        Subject = new ResourceReference { Identifier = new Identifier("urn:mrn", "MRN-1") },
        Evidence = evidence is null ? [] : [new Condition.EvidenceComponent { Detail = [new ResourceReference(evidence)] }],
        Onset = new FhirDateTime("2026-12-04T07:00:00Z"),
    };

    [Fact]
    public void Confirmed_Condition_names_its_RiskAssessment_subject_and_finding()
    {
        FeedbackRead read = OutcomeFeedbackReader.Read(Condition(), "ehr", OmiCodes, "hash");

        OutcomeFeedback feedback = read.Feedback!;
        Assert.Equal(("ra-1", "urn:mrn|MRN-1", (bool?)true), (feedback.RiskAssessmentId, feedback.Subject, feedback.Confirmed));
        Assert.Equal(FhirSystems.Snomed + "|401303003", feedback.Finding);
        Assert.Equal("condition|ehr|id:c-1", feedback.Key);
        Assert.Equal(new DateTimeOffset(2026, 12, 4, 7, 0, 0, TimeSpan.Zero), feedback.OccurredAt);
    }

    [Theory]
    [InlineData("refuted", "401303003", "http://ehr.example/fhir/RiskAssessment/ra-1/_history/2", null, false)]
    [InlineData("provisional", "401303003", "RiskAssessment/ra-1", FeedbackCodes.NotConclusive, null)]
    [InlineData("confirmed", "38341003", "RiskAssessment/ra-1", FeedbackCodes.CodeUnknown, null)]
    [InlineData("confirmed", "401303003", "Observation/ecg-1", FeedbackCodes.ReferenceMissing, null)]
    [InlineData("confirmed", "401303003", null, FeedbackCodes.ReferenceMissing, null)]
    public void Condition_outcomes_and_refusals(string verification, string code, string? evidence, string? error, bool? confirmed)
    {
        FeedbackRead read = OutcomeFeedbackReader.Read(Condition(verification, code, evidence), "ehr", OmiCodes, "hash");

        Assert.Equal(error, read.ErrorCode);
        Assert.Equal(confirmed, read.Feedback?.Confirmed);
    }

    [Fact]
    public void Cath_finding_Observation_by_our_identifier_is_feedback_and_an_ECG_Observation_is_not()
    {
        var cath = new Observation
        {
            Status = ObservationStatus.Final,
            Code = new CodeableConcept(FhirSystems.Snomed, "401303003"),
            Subject = new ResourceReference("Patient/7"),
            Value = new CodeableConcept(FhirSystems.Snomed, "260385009"),
            DerivedFrom = [new ResourceReference { Identifier = new Identifier(FhirSystems.RiskAssessmentIdentifier, "ra-9") }],
            Identifier = [new Identifier("urn:cathlab", "CL-1")],
        };
        var ecg = new Observation
        {
            Status = ObservationStatus.Final,
            Code = new CodeableConcept(FhirSystems.Loinc, FhirSystems.LoincEkgStudy),
            Component = [new Observation.ComponentComponent { Value = new SampledData { Data = "1 2 3" } }],
            Focus = [new ResourceReference("RiskAssessment/ra-9")],
        };

        FeedbackRead read = OutcomeFeedbackReader.Read(cath, "cathlab", OmiCodes, "hash");

        Assert.True(OutcomeFeedbackReader.IsFeedback(cath));
        Assert.False(OutcomeFeedbackReader.IsFeedback(ecg));
        Assert.Equal(("ra-9", "Patient/7", (bool?)false), (read.Feedback!.RiskAssessmentId, read.Feedback.Subject, read.Feedback.Confirmed));
        Assert.Equal("observation|cathlab|identifier:urn:cathlab|CL-1", read.Feedback.Key);
    }

    [Fact]
    public void CDS_Hooks_feedback_reads_each_card_response_and_refuses_items_without_a_card()
    {
        byte[] body = """
            {"feedback":[
              {"card":"ra-1","outcome":"accepted","outcomeTimestamp":"2026-12-04T08:00:00Z"},
              {"card":"ra-2","outcome":"overridden","overrideReason":{"reason":{"system":"urn:r","code":"not-acs"}}},
              {"outcome":"accepted"}
            ]}
            """u8.ToArray();

        IReadOnlyList<FeedbackRead> reads = OutcomeFeedbackReader.ReadCdsHooks(body, "ehr");

        Assert.Equal(("ra-1", "accepted"), (reads[0].Feedback!.RiskAssessmentId, reads[0].Feedback!.Response));
        Assert.Null(reads[0].Feedback!.Confirmed);
        Assert.Equal(("overridden", "urn:r|not-acs"), (reads[1].Feedback!.Response, reads[1].Feedback!.Finding));
        Assert.Equal((FeedbackCodes.ReferenceMissing, "feedback[2].card"), (reads[2].ErrorCode, reads[2].Location));
        Assert.Equal(FeedbackCodes.Unreadable, Assert.Single(OutcomeFeedbackReader.ReadCdsHooks("{\"feedback\":"u8, "ehr")).ErrorCode);
    }
}

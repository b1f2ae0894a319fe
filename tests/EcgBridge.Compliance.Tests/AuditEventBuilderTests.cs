using System.Text;
using EcgBridge.Core.Audit;
using EcgBridge.Core.Scoring;
using EcgBridge.Fhir.Outputs;
using EcgBridge.Fhir.Tests;
using Hl7.Fhir.Model;
using FhirSerializer = EcgBridge.Fhir.Serialization.FhirSerializer;

namespace EcgBridge.Compliance.Tests;

public sealed class AuditEventBuilderTests
{
    [Fact]
    public void Scored_row_becomes_a_create_event_that_survives_the_strict_parser()
    {
        AuditEvent auditEvent = AuditEventBuilder.ForEntry(AuditEntries.Scored());

        StrictRoundTrip.Assert(auditEvent);
        Assert.Equal("rest", auditEvent.Type.Code);
        Assert.Equal("create", Assert.Single(auditEvent.Subtype).Code);
        Assert.Equal(AuditEvent.AuditEventAction.C, auditEvent.Action);
        Assert.Equal(AuditEvent.AuditEventOutcome.N0, auditEvent.Outcome);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 10, 15, 0, 412, TimeSpan.Zero), auditEvent.Recorded);
    }

    [Fact]
    public void Scored_row_names_the_sender_the_service_and_the_model_device_as_agents()
    {
        AuditEntry entry = AuditEntries.Scored();

        AuditEvent auditEvent = AuditEventBuilder.ForEntry(entry);

        AuditEvent.AgentComponent sender = auditEvent.Agent[0];
        Assert.True(sender.Requestor);
        Assert.Equal("CART^WARD3", sender.Who!.Identifier!.Value);
        Assert.Equal("110150", auditEvent.Agent[1].Type!.Coding[0].Code);
        Assert.False(auditEvent.Agent[1].Requestor);
        string deviceId = ModelDeviceBuilder.DeviceId(new ModelIdentity("ecg-smart-net", "0.1.0-demo", new string('d', 64), "v1"));
        Assert.Equal("Device/" + deviceId, auditEvent.Agent[2].Who!.Reference);
        Assert.Equal("ecgbridge", auditEvent.Source.Observer!.Identifier!.Value);
    }

    [Fact]
    public void Scored_row_has_the_risk_assessment_the_source_message_and_the_hashed_patient_as_entities()
    {
        AuditEvent auditEvent = AuditEventBuilder.ForEntry(AuditEntries.Scored());

        Assert.Equal(3, auditEvent.Entity.Count);
        AuditEvent.EntityComponent risk = auditEvent.Entity[0];
        Assert.Equal("RiskAssessment/" + new string('e', 64), risk.What!.Reference);
        Assert.Equal("4", risk.Role!.Code);
        Assert.Contains(risk.Detail, d => d.Type == "risk" && ((FhirString)d.Value).Value == "high");
        Assert.Contains(risk.Detail, d => d.Type == "probability" && ((FhirString)d.Value).Value == "0.8731");
        AuditEvent.EntityComponent source = auditEvent.Entity[1];
        Assert.Equal("MSG00042", source.What!.Identifier!.Value);
        Assert.Equal("3", source.Role!.Code);
        AuditEvent.EntityComponent patient = auditEvent.Entity[2];
        Assert.Equal("1", patient.Role!.Code);
        Assert.Equal(ComplianceSystems.PatientIdHash, patient.What!.Identifier!.System);
        Assert.Equal(AuditEntries.PatientHash, patient.What!.Identifier!.Value);
        Assert.Null(patient.What!.Reference);
    }

    [Fact]
    public void Event_id_is_derived_from_the_row_hash_so_a_second_export_gives_the_same_id()
    {
        string first = AuditEventBuilder.ForEntry(AuditEntries.Scored()).Id!;
        string second = AuditEventBuilder.ForEntry(AuditEntries.Scored()).Id!;
        string other = AuditEventBuilder.ForEntry(AuditEntries.Rejected()).Id!;

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Rejected_row_is_a_minor_failure_carrying_the_error_codes()
    {
        AuditEvent auditEvent = AuditEventBuilder.ForEntry(AuditEntries.Rejected());

        StrictRoundTrip.Assert(auditEvent);
        Assert.Equal(AuditEvent.AuditEventOutcome.N4, auditEvent.Outcome);
        Assert.Contains("ECG-LEADS-MISSING", auditEvent.OutcomeDesc, StringComparison.Ordinal);
        Assert.DoesNotContain(auditEvent.Entity, e => e.Role!.Code == "1");
        AuditEvent.EntityComponent observation = Assert.Single(auditEvent.Entity);
        Assert.Equal("Observation/obs-7", observation.What!.Reference);
    }

    [Fact]
    public void Failed_row_is_an_execute_with_a_serious_failure_outcome()
    {
        AuditEvent auditEvent = AuditEventBuilder.ForEntry(AuditEntries.Failed());

        StrictRoundTrip.Assert(auditEvent);
        Assert.Equal(AuditEvent.AuditEventAction.E, auditEvent.Action);
        Assert.Equal(AuditEvent.AuditEventOutcome.N8, auditEvent.Outcome);
        Assert.Equal("operation", auditEvent.Subtype[0].Code);
    }

    [Fact]
    public void Query_event_follows_the_balp_query_pattern_and_holds_only_the_patient_hash()
    {
        var filter = new ComplianceFilter { PatientId = "MRN-555-PLAINTEXT", Outcome = AuditOutcome.Scored };
        var access = new AuditQueryAccess
        {
            Recorded = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero),
            Accessor = "auditor@host",
            Application = "ecgbridge-cli",
            Interaction = "audit search",
            QueryText = filter.Describe(AuditEntries.PatientHash),
            PatientIdHash = AuditEntries.PatientHash,
            ResultCount = 3,
        };

        AuditEvent auditEvent = AuditEventBuilder.ForQuery(access);

        StrictRoundTrip.Assert(auditEvent);
        Assert.Equal("search-type", auditEvent.Subtype[0].Code);
        Assert.Equal(AuditEvent.AuditEventAction.E, auditEvent.Action);
        Assert.Equal("HCOMPL", auditEvent.PurposeOfEvent[0].Coding[0].Code);
        Assert.True(auditEvent.Agent[0].Requestor);
        Assert.Equal("auditor@host", auditEvent.Agent[0].Who!.Identifier!.Value);
        AuditEvent.EntityComponent query = auditEvent.Entity[0];
        Assert.Equal("24", query.Role!.Code);
        string queryText = Encoding.UTF8.GetString(query.Query!);
        Assert.Contains("patient-hash=" + AuditEntries.PatientHash, queryText, StringComparison.Ordinal);
        Assert.Equal(AuditEntries.PatientHash, auditEvent.Entity[1].What!.Identifier!.Value);
        Assert.DoesNotContain("MRN-555", FhirSerializer.ToJson(auditEvent), StringComparison.Ordinal);
    }

    [Fact]
    public void Refused_query_is_recorded_with_a_failure_outcome()
    {
        AuditEvent auditEvent = AuditEventBuilder.ForQuery(new AuditQueryAccess
        {
            Recorded = DateTimeOffset.UtcNow,
            Accessor = "auditor@host",
            Application = "ecgbridge-cli",
            Interaction = "audit export csv",
            QueryText = "refused",
            FailureCode = ComplianceCodes.FilterCharacters,
        });

        StrictRoundTrip.Assert(auditEvent);
        Assert.Equal(AuditEvent.AuditEventOutcome.N4, auditEvent.Outcome);
        Assert.Equal(ComplianceCodes.FilterCharacters, auditEvent.OutcomeDesc);
    }

    [Fact]
    public void Collection_bundle_of_events_survives_the_strict_parser()
    {
        Bundle bundle = AuditEventBuilder.ToCollection(
            [AuditEventBuilder.ForEntry(AuditEntries.Scored()), AuditEventBuilder.ForEntry(AuditEntries.Rejected())]);

        StrictRoundTrip.Assert(bundle);
        Assert.Equal(Bundle.BundleType.Collection, bundle.Type);
        Assert.Equal(2, bundle.Entry.Count);
        Assert.All(bundle.Entry, e => Assert.StartsWith("urn:uuid:", e.FullUrl, StringComparison.Ordinal));
    }
}

using EcgBridge.Fhir.Outputs;
using Hl7.Fhir.Model;

namespace EcgBridge.Fhir.Tests.Outputs;

public class ProvenanceBuilderTests
{
    private static readonly DateTimeOffset Recorded = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Names_the_assessment_the_model_device_and_the_input_ecg()
    {
        Provenance provenance = ProvenanceBuilder.Build("RiskAssessment/ra-1", "Device/d-1", "Observation/ecg-1", Recorded, "key-1");

        Assert.Equal("RiskAssessment/ra-1", Assert.Single(provenance.Target).Reference);
        Provenance.AgentComponent agent = Assert.Single(provenance.Agent);
        Assert.Equal("Device/d-1", agent.Who.Reference);
        Provenance.EntityComponent entity = Assert.Single(provenance.Entity);
        Assert.Equal("Observation/ecg-1", entity.What.Reference);
        Assert.Equal(Provenance.ProvenanceEntityRole.Source, entity.Role);
        Assert.Equal(Recorded, provenance.Recorded);
    }

    [Fact]
    public void The_same_dedupe_key_gives_the_same_id()
    {
        Assert.Equal(
            ProvenanceBuilder.Build("RiskAssessment/a", "Device/d", null, Recorded, "key-1").Id,
            ProvenanceBuilder.Build("RiskAssessment/a", "Device/d", null, Recorded.AddMinutes(1), "key-1").Id);
    }

    [Fact]
    public void Every_variant_round_trips_through_the_strict_parser()
    {
        StrictRoundTrip.Assert(ProvenanceBuilder.Build("RiskAssessment/ra-1", "Device/d-1", "Observation/ecg-1", Recorded, "key-1"));
        StrictRoundTrip.Assert(ProvenanceBuilder.Build("RiskAssessment/ra-1", "Device/d-1", null, Recorded, "key-2"));
    }
}

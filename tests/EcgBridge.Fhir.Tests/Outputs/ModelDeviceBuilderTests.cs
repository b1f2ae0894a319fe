using EcgBridge.Core.Scoring;
using EcgBridge.Fhir.Outputs;
using Hl7.Fhir.Model;

namespace EcgBridge.Fhir.Tests.Outputs;

public class ModelDeviceBuilderTests
{
    private static readonly ModelIdentity Model = new("ecg-smart-net", "1.2.0", new string('b', 64), "v1") { IntendedUse = "Research." };

    [Fact]
    public void Describes_the_model_with_name_version_hash_and_model_card()
    {
        Device device = ModelDeviceBuilder.Build(Model, "https://example.org/models/ecg-smart-net/MODEL_CARD.md");

        Assert.Equal(ModelDeviceBuilder.DeviceId(Model), device.Id);
        Assert.Equal("ecg-smart-net", Assert.Single(device.DeviceName).Name);
        Assert.Contains(device.Version, v => v.Value == "1.2.0");
        Assert.Contains(device.Identifier, i => i.System == FhirSystems.ModelSha256Identifier && i.Value == Model.Sha256);
        Assert.Equal("https://example.org/models/ecg-smart-net/MODEL_CARD.md", ModelDeviceBuilder.ModelCardUrl(device));
        Assert.DoesNotContain(device.Note, n => n.Text!.Contains("Not for clinical use", StringComparison.Ordinal));
    }

    [Fact]
    public void Demo_weights_carry_a_not_for_clinical_use_note()
    {
        Device device = ModelDeviceBuilder.Build(Model with { NotForClinicalUse = true });

        Assert.Contains(device.Note, n => n.Text!.Contains("Not for clinical use", StringComparison.Ordinal));
    }

    [Fact]
    public void Another_model_version_is_another_device()
    {
        Assert.NotEqual(ModelDeviceBuilder.DeviceId(Model), ModelDeviceBuilder.DeviceId(Model with { Version = "1.3.0" }));
    }

    [Fact]
    public void Every_variant_round_trips_through_the_strict_parser()
    {
        StrictRoundTrip.Assert(ModelDeviceBuilder.Build(Model, "https://example.org/card"));
        StrictRoundTrip.Assert(ModelDeviceBuilder.Build(Model with { NotForClinicalUse = true, IntendedUse = "" }));
    }
}

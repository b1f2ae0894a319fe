using System.Text.Json.Nodes;
using EcgBridge.Core.Normalization;

namespace EcgBridge.Inference.Tests;

public sealed class ModelManifestTests
{
    private static readonly string ShippedJson = File.ReadAllText(Path.Combine(ShippedModel.Directory, ModelManifest.FileName));

    [Fact]
    public void Loads_the_shipped_manifest_with_preprocessing_thresholds_and_identity()
    {
        ModelManifest manifest = ModelManifest.Load(ShippedModel.Directory);

        Assert.Equal("ecg-smart-net", manifest.Name);
        Assert.Equal(64, manifest.Sha256.Length);
        Assert.Equal("ecg", manifest.Input.Name);
        Assert.Equal([-1L, 1, 12, 5000], manifest.Input.Shape);
        Assert.Equal("logits", manifest.Output.Name);
        Assert.Equal(1, manifest.Output.PositiveClassIndex);
        Assert.Equal(["I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6"], manifest.LeadOrder);
        Assert.Equal(PreprocessingOptions.Default, manifest.Preprocessing);
        Assert.Equal(new Core.Scoring.RiskThresholds(), manifest.Thresholds);
        Assert.True(manifest.NotForClinicalUse);
        Assert.Equal(manifest.Name, manifest.Identity.Name);
        Assert.Equal(manifest.Version, manifest.Identity.Version);
        Assert.Equal(manifest.Sha256, manifest.Identity.Sha256);
        Assert.Equal("v1", manifest.Identity.PreprocessingVersion);
        Assert.True(manifest.Identity.NotForClinicalUse);
        Assert.Equal(manifest.IntendedUse, manifest.Identity.IntendedUse);
    }

    [Fact]
    public void Maps_site_preprocessing_and_thresholds_from_the_manifest()
    {
        JsonNode json = JsonNode.Parse(ShippedJson)!;
        json["preprocessing"]!["notchHz"] = 50.0;
        json["preprocessing"]!["quality"]!["flat"] = "flag";
        json["thresholds"]!["positive"] = 0.7;

        ModelManifest manifest = ModelManifest.Parse(json.ToJsonString(), ShippedModel.Directory);

        Assert.Equal(50.0, manifest.Preprocessing.NotchHz);
        Assert.Equal(QualityAction.Flag, manifest.Preprocessing.Quality.Flat);
        Assert.Equal(0.7, manifest.Thresholds.Positive);
    }

    [Fact]
    public void Refuses_a_manifest_that_declares_another_input_shape()
    {
        JsonNode json = JsonNode.Parse(ShippedJson)!;
        json["input"]!["shape"] = new JsonArray(-1, 12, 5000);

        ModelLoadException error = Assert.Throws<ModelLoadException>(() => ModelManifest.Parse(json.ToJsonString(), ShippedModel.Directory));

        Assert.Equal(InferenceCodes.InputShapeMismatch, error.Code);
    }

    [Fact]
    public void Refuses_a_manifest_that_asks_for_an_unknown_preprocessing_version()
    {
        JsonNode json = JsonNode.Parse(ShippedJson)!;
        json["preprocessing"]!["version"] = "v9";

        ModelLoadException error = Assert.Throws<ModelLoadException>(() => ModelManifest.Parse(json.ToJsonString(), ShippedModel.Directory));

        Assert.Equal(InferenceCodes.PreprocessingUnsupported, error.Code);
    }

    [Fact]
    public void Refuses_a_manifest_without_a_sha256()
    {
        JsonNode json = JsonNode.Parse(ShippedJson)!;
        json.AsObject().Remove("sha256");

        ModelLoadException error = Assert.Throws<ModelLoadException>(() => ModelManifest.Parse(json.ToJsonString(), ShippedModel.Directory));

        Assert.Equal(InferenceCodes.ManifestInvalid, error.Code);
    }

    [Fact]
    public void Refuses_a_manifest_that_is_not_JSON()
    {
        ModelLoadException error = Assert.Throws<ModelLoadException>(() => ModelManifest.Parse("{ \"name\": ", ShippedModel.Directory));

        Assert.Equal(InferenceCodes.ManifestInvalid, error.Code);
    }

    [Fact]
    public void Refuses_a_folder_without_a_manifest()
    {
        string empty = Directory.CreateTempSubdirectory("ecgbridge-model-").FullName;
        try
        {
            ModelLoadException error = Assert.Throws<ModelLoadException>(() => ModelManifest.Load(empty));

            Assert.Equal(InferenceCodes.ModelFileMissing, error.Code);
        }
        finally
        {
            Directory.Delete(empty);
        }
    }
}

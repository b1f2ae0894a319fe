using EcgBridge.Core;
using EcgBridge.TestSupport;

namespace EcgBridge.Inference.Tests;

[Collection(ShippedModelGroup.Name)]
public sealed class OnnxModelSessionTests(ShippedModelFixture model) : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("ecgbridge-model-").FullName;

    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (ParityCase item in ShippedModel.ParityCases)
        {
            data.Add(item.Name);
        }

        return data;
    }

    [Fact]
    public void Parity_fixtures_were_written_for_the_shipped_model()
    {
        // If this fails, the model was re-exported: run models/python/parity.py (with --checkpoint for a trained model).
        Assert.Equal(model.Manifest.Sha256, ShippedModel.ParitySha256);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Logits_match_PyTorch_within_1e_4(string name)
    {
        ParityCase item = ShippedModel.ParityCases.Single(c => c.Name == name);

        float[] logits = model.ScoreAlone(item.Tensor);

        Assert.Equal(1e-4, ShippedModel.ParityTolerance);
        Assert.InRange(Math.Abs(logits[0] - item.Logits[0]), 0, 1e-4);
        Assert.InRange(Math.Abs(logits[1] - item.Logits[1]), 0, 1e-4);
    }

    [Fact]
    public void Logits_of_a_batch_match_PyTorch_within_1e_4()
    {
        IReadOnlyList<ParityCase> cases = ShippedModel.ParityCases;
        float[] input = new float[cases.Count * EcgTensor.Length];
        for (int i = 0; i < cases.Count; i++)
        {
            cases[i].Tensor.Data.CopyTo(input, i * EcgTensor.Length);
        }

        float[] logits = new float[cases.Count * 2];
        model.Session.Run(input, cases.Count, logits);

        for (int i = 0; i < cases.Count; i++)
        {
            Assert.InRange(Math.Abs(logits[2 * i] - cases[i].Logits[0]), 0, 1e-4);
            Assert.InRange(Math.Abs(logits[(2 * i) + 1] - cases[i].Logits[1]), 0, 1e-4);
        }
    }

    [Fact]
    public void Refuses_a_model_whose_sha256_differs_from_the_manifest()
    {
        string folder = CopyTestModel("wrong-input");
        // One byte appended: still a loadable protobuf for many readers, but not the model the manifest vouches for.
        File.AppendAllText(Path.Combine(folder, ModelManifest.ModelFileName), "\n");
        ModelManifest manifest = ModelManifest.Load(folder);

        ModelLoadException error = Assert.Throws<ModelLoadException>(() => new OnnxModelSession(manifest, new InferenceOptions()));

        Assert.Equal(InferenceCodes.HashMismatch, error.Code);
    }

    [Fact]
    public void Refuses_a_model_whose_input_shape_differs_from_the_manifest()
    {
        // The file's input is N x 12 x 5000; its manifest (correct hash) declares N x 1 x 12 x 5000.
        ModelManifest manifest = ModelManifest.Load(CopyTestModel("wrong-input"));

        ModelLoadException error = Assert.Throws<ModelLoadException>(() => new OnnxModelSession(manifest, new InferenceOptions()));

        Assert.Equal(InferenceCodes.InputShapeMismatch, error.Code);
    }

    [Fact]
    public void Refuses_a_folder_without_model_onnx()
    {
        string folder = CopyTestModel("wrong-input");
        File.Delete(Path.Combine(folder, ModelManifest.ModelFileName));
        ModelManifest manifest = ModelManifest.Load(folder);

        ModelLoadException error = Assert.Throws<ModelLoadException>(() => new OnnxModelSession(manifest, new InferenceOptions()));

        Assert.Equal(InferenceCodes.ModelFileMissing, error.Code);
    }

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private string CopyTestModel(string name)
    {
        string target = Path.Combine(_temp, name);
        Directory.CreateDirectory(target);
        foreach (string file in Directory.GetFiles(RepositoryPaths.TestData("models", name)))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        return target;
    }
}

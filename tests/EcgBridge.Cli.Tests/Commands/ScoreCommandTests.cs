using System.Text.Json;
using EcgBridge.Core;
using EcgBridge.Core.Issues;
using EcgBridge.Core.Normalization;
using EcgBridge.Inference;
using EcgBridge.TestSupport;

namespace EcgBridge.Cli.Tests.Commands;

[Collection(CliRunner.CollectionName)]
public sealed class ScoreCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ecgbridge-score-").FullName;

    [Fact]
    public async Task Scores_a_WFDB_record_and_writes_its_RiskAssessment_Provenance_and_model_Device()
    {
        string output = Path.Combine(_folder, "out");

        CliResult result = await CliRunner.RunAsync("score", RealRecords.HeaderPath(RealRecords.Hr06000), "--out", output);

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.ErrorLines);
        using JsonDocument assessment = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "HR06000.hea.riskassessment.json")));
        JsonElement root = assessment.RootElement;
        Assert.Equal("RiskAssessment", root.GetProperty("resourceType").GetString());
        double written = root.GetProperty("prediction")[0].GetProperty("probabilityDecimal").GetDouble();
        Assert.Equal(Math.Round(ExpectedProbability(RealRecords.Hr06000), 6), written, 6);
        Assert.True(File.Exists(Path.Combine(output, "HR06000.hea.provenance.json")));
        Assert.True(File.Exists(Path.Combine(output, "ecg-smart-net.device.json")));
        Assert.Contains("HR06000.hea", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scores_each_record_of_a_directory_and_answers_exit_3_naming_the_rejected_file()
    {
        string input = Path.Combine(_folder, "in");
        Directory.CreateDirectory(input);
        foreach (string name in new[] { "HR06000.hea", "HR06000.mat", "E07506.hea", "E07506.mat" })
        {
            File.Copy(RealRecords.FilePath(name), Path.Combine(input, name));
        }

        await File.WriteAllTextAsync(Path.Combine(input, "notes.txt"), "hello");
        string output = Path.Combine(_folder, "out");

        CliResult result = await CliRunner.RunAsync("score", input, "--out", output);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(["rejected: notes.txt CLI-INPUT-UNSUPPORTED input"], result.ErrorLines);
        Assert.True(File.Exists(Path.Combine(output, "HR06000.hea.riskassessment.json")));
        Assert.True(File.Exists(Path.Combine(output, "E07506.hea.riskassessment.json")));
        Assert.False(File.Exists(Path.Combine(output, "notes.txt.riskassessment.json")));
    }

    [Fact]
    public async Task Refuses_a_model_folder_without_model_onnx_with_exit_2()
    {
        string model = Path.Combine(_folder, "model");
        Directory.CreateDirectory(model);
        File.Copy(Path.Combine(RepositoryPaths.Combine("models", "ecg-smart-net"), "manifest.json"), Path.Combine(model, "manifest.json"));

        CliResult result = await CliRunner.RunAsync("score", RealRecords.HeaderPath(RealRecords.Hr06000), "--model", model, "--out", _folder);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: " + InferenceCodes.ModelFileMissing, result.ErrorLines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answers_an_input_that_does_not_exist_with_exit_2()
    {
        CliResult result = await CliRunner.RunAsync("score", Path.Combine(_folder, "absent.hea"));

        Assert.Equal(2, result.ExitCode);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static double ExpectedProbability(string record)
    {
        ModelManifest manifest = ModelManifest.Load(RepositoryPaths.Combine("models", "ecg-smart-net"));
        Assert.True(EcgNormalizer.TryNormalize(RealRecords.Load(record), manifest.Preprocessing, out EcgTensor? tensor, new IssueList()));
        using var session = new OnnxModelSession(manifest, new InferenceOptions());
        float[] logits = new float[2];
        session.Run(tensor!.Data, 1, logits);
        return OnnxEcgScorer.PositiveProbability(logits[0], logits[1]);
    }
}

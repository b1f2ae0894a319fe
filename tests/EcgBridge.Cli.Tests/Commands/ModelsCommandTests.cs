using EcgBridge.Inference;

namespace EcgBridge.Cli.Tests.Commands;

/// <summary><c>ecgbridge models verify</c> on the registry that ships beside the application, and on a tampered copy.</summary>
[Collection(CliRunner.CollectionName)]
public sealed class ModelsCommandTests : IDisposable
{
    private readonly string _registry = Directory.CreateTempSubdirectory("ecgbridge-models-").FullName;

    public void Dispose() => Directory.Delete(_registry, recursive: true);

    [Fact]
    public async Task Shipped_fp32_and_int8_models_verify_beside_the_application()
    {
        CliResult result = await CliRunner.RunAsync("models", "verify");

        Assert.True(result.ExitCode == EcgBridgeCommand.ExitOk, result.Out + result.Error);
        foreach (string folder in new[] { "ecg-smart-net", "ecg-smart-net-int8" })
        {
            ModelManifest manifest = ModelManifest.Load(Path.Combine(AppContext.BaseDirectory, "models", folder));
            Assert.Contains("sha256:" + manifest.Sha256, result.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_model_whose_bytes_differ_from_its_manifest_is_refused_with_its_code_and_exit_3()
    {
        foreach (string folder in new[] { "ecg-smart-net", "ecg-smart-net-int8" })
        {
            string target = Directory.CreateDirectory(Path.Combine(_registry, folder)).FullName;
            foreach (string file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "models", folder)))
            {
                File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
            }
        }

        await using (FileStream onnx = File.Open(Path.Combine(_registry, "ecg-smart-net-int8", "model.onnx"), FileMode.Append))
        {
            onnx.WriteByte(0);
        }

        CliResult result = await CliRunner.RunAsync("models", "verify", "--models-dir", _registry);

        Assert.Equal(EcgBridgeCommand.ExitRejected, result.ExitCode);
        Assert.Contains(InferenceCodes.HashMismatch, result.Out, StringComparison.Ordinal);
        Assert.Contains("verified", result.Out, StringComparison.Ordinal);
    }
}

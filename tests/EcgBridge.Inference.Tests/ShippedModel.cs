using System.Text.Json;
using EcgBridge.Core;
using EcgBridge.TestSupport;

namespace EcgBridge.Inference.Tests;

/// <summary>The committed models/ecg-smart-net folder and the parity fixtures PyTorch wrote for it.</summary>
public static class ShippedModel
{
    public static string Directory { get; } = RepositoryPaths.Combine("models", "ecg-smart-net");

    public static string ParityDirectory { get; } = RepositoryPaths.TestData("parity");

    public static string ParitySha256 { get; private set; } = "";

    public static double ParityTolerance { get; private set; }

    // Declared after the two above: static initializers run in text order and LoadCases sets them.
    public static IReadOnlyList<ParityCase> ParityCases { get; } = LoadCases();

    /// <summary>A deterministic ECG-like tensor distinct per index (a parity input, scaled and shifted in time).</summary>
    public static EcgTensor Variant(int index)
    {
        ParityCase source = ParityCases[index % ParityCases.Count];
        var tensor = new EcgTensor();
        float scale = 0.6f + (0.1f * index);
        int shift = 37 * index;
        for (int lead = 0; lead < EcgTensor.LeadCount; lead++)
        {
            ReadOnlySpan<float> from = source.Tensor.Data.AsSpan(lead * EcgTensor.SampleCount, EcgTensor.SampleCount);
            Span<float> to = tensor.Data.AsSpan(lead * EcgTensor.SampleCount, EcgTensor.SampleCount);
            for (int i = 0; i < EcgTensor.SampleCount; i++)
            {
                to[i] = scale * from[(i + shift) % EcgTensor.SampleCount];
            }
        }

        return tensor;
    }

    private static List<ParityCase> LoadCases()
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.TestData("parity"), "expected.json")));
        JsonElement root = document.RootElement;
        ParitySha256 = root.GetProperty("sha256").GetString()!;
        ParityTolerance = root.GetProperty("tolerance").GetDouble();
        var cases = new List<ParityCase>();
        foreach (JsonElement item in root.GetProperty("cases").EnumerateArray())
        {
            string file = Path.Combine(RepositoryPaths.TestData("parity"), item.GetProperty("file").GetString()!);
            float scale = (float)item.GetProperty("scale").GetDouble();
            byte[] bytes = File.ReadAllBytes(file);
            var tensor = new EcgTensor();
            for (int i = 0; i < EcgTensor.Length; i++)
            {
                tensor.Data[i] = BitConverter.ToInt16(bytes, 2 * i) * scale;
            }

            JsonElement logits = item.GetProperty("logits");
            cases.Add(new ParityCase(
                item.GetProperty("name").GetString()!,
                tensor,
                [logits[0].GetSingle(), logits[1].GetSingle()],
                item.GetProperty("probability").GetDouble()));
        }

        return cases;
    }
}

using System.Buffers.Binary;
using System.Text.Json;
using EcgBridge.Core.Normalization;
using EcgBridge.TestSupport;

namespace EcgBridge.Core.Tests.Normalization;

/// <summary>One scipy reference tensor from TestData/normalization/manifest.json and the input it was made from.</summary>
public sealed record NormalizationFixture(string Name, string File, double SourceRateHz, JsonElement Options, JsonElement Source)
{
    private static readonly Lazy<List<NormalizationFixture>> All = new(LoadManifest);

    public static IEnumerable<object[]> Names() => All.Value.Select(f => new object[] { f.Name });

    public static NormalizationFixture Get(string name) => All.Value.Single(f => f.Name == name);

    public PreprocessingOptions PreprocessingOptions => PreprocessingOptions.Default with
    {
        NotchHz = Options.TryGetProperty("notchHz", out JsonElement notch) ? notch.GetDouble() : null,
        MinimumSeconds = Options.TryGetProperty("minimumSeconds", out JsonElement minimum) ? minimum.GetDouble() : 10.0,
    };

    public float[] Expected()
    {
        byte[] bytes = System.IO.File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "normalization", File));
        var values = new float[bytes.Length / 4];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * 4));
        }

        return values;
    }

    /// <summary>The input: the real record through the WFDB reader, or the synthetic sines exactly as the generator made them.</summary>
    public EcgRecording Recording()
    {
        if (Source.GetProperty("kind").GetString() == "wfdb")
        {
            return RealRecords.Load(Path.GetFileNameWithoutExtension(Source.GetProperty("record").GetString()!));
        }

        double rate = Source.GetProperty("sampleRateHz").GetDouble();
        int count = Source.GetProperty("samples").GetInt32();
        var leads = new List<LeadSignal>();
        foreach (JsonElement lead in Source.GetProperty("leads").EnumerateArray())
        {
            var samples = new double[count];
            double offset = lead.GetProperty("offset").GetDouble();
            Array.Fill(samples, offset);
            foreach (JsonElement component in lead.GetProperty("components").EnumerateArray())
            {
                double frequency = component.GetProperty("frequencyHz").GetDouble();
                double amplitude = component.GetProperty("amplitude").GetDouble();
                double phase = component.GetProperty("phase").GetDouble();
                for (int n = 0; n < count; n++)
                {
                    // Same operation order as numpy: 2·π·f·t + φ with t = n / fs.
                    samples[n] += amplitude * Math.Sin((2 * Math.PI * frequency * (n / rate)) + phase);
                }
            }

            leads.Add(new LeadSignal(LeadCatalog.Parse(lead.GetProperty("lead").GetString()!), samples));
        }

        return new EcgRecording(leads, rate);
    }

    private static List<NormalizationFixture> LoadManifest()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "TestData", "normalization", "manifest.json");
        using JsonDocument document = JsonDocument.Parse(System.IO.File.ReadAllText(path));
        var fixtures = new List<NormalizationFixture>();
        foreach (JsonElement item in document.RootElement.GetProperty("fixtures").EnumerateArray())
        {
            fixtures.Add(new NormalizationFixture(
                item.GetProperty("name").GetString()!,
                item.GetProperty("file").GetString()!,
                item.GetProperty("sourceRateHz").GetDouble(),
                item.GetProperty("options").Clone(),
                item.GetProperty("source").Clone()));
        }

        return fixtures;
    }
}

using BenchmarkDotNet.Attributes;
using EcgBridge.Core;
using EcgBridge.Core.Issues;
using EcgBridge.Core.Normalization;
using EcgBridge.Fhir;
using EcgBridge.Fhir.Decoding;
using EcgBridge.Fhir.Outputs;
using EcgBridge.Fhir.Serialization;

namespace EcgBridge.Benchmarks.Fhir;

/// <summary>Decode a 12-lead 10 s 500 Hz ECG Observation (FHIR JSON, component per lead, 1 µV resolution) to a tensor.</summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 2, iterationCount: 5)]
public class FhirDecodeBenchmarks
{
    private readonly float[] _tensor = new float[EcgTensor.Length];
    private byte[] _json = [];
    private byte[] _xml = [];
    private byte[] _interleaved = [];

    [GlobalSetup]
    public void Setup()
    {
        var leads = new List<LeadSignal>(LeadCatalog.Count);
        var random = new Random(42);
        foreach (Lead lead in LeadCatalog.All)
        {
            double[] samples = new double[EcgTensor.SampleCount];
            for (int s = 0; s < samples.Length; s++)
            {
                // A beat-like shape plus noise, at 1 µV steps: numbers of 1-4 digits as real carts send.
                double t = s / 500.0;
                double beat = Math.Exp(-Math.Pow(((t % 0.8) - 0.3) * 40, 2)) * (1.2 + ((int)lead * 0.05));
                samples[s] = Math.Round(beat + (0.05 * Math.Sin(2 * Math.PI * 0.3 * t)) + (random.NextDouble() * 0.02), 3);
            }

            leads.Add(new LeadSignal(lead, samples));
        }

        var recording = new EcgRecording(leads, 500) { Source = new EcgSource { PatientId = "Patient/bench" } };
        _json = FhirSerializer.ToBytes(EcgObservationBuilder.Build(recording), FhirFormat.Json);
        _xml = FhirSerializer.ToBytes(EcgObservationBuilder.Build(recording), FhirFormat.Xml);
        _interleaved = FhirSerializer.ToBytes(EcgObservationBuilder.Build(recording, new EcgObservationOptions { Interleaved = true }), FhirFormat.Json);
    }

    [Benchmark]
    public int ParseJsonOnly()
    {
        var issues = new IssueList();
        return FhirBodyReader.TryRead(_json, FhirFormat.Json, FhirDecoderOptions.Default, issues, out _) ? 1 : 0;
    }

    [Benchmark]
    public int DecodeJson() => Decode(_json);

    [Benchmark]
    public int DecodeInterleavedJson() => Decode(_interleaved);

    [Benchmark]
    public int DecodeXml() => Decode(_xml);

    [Benchmark(Baseline = true)]
    public bool DecodeJsonToTensor()
    {
        var issues = new IssueList();
        FhirEcgDecoder.TryDecode(_json, FhirFormat.Json, null, issues, out IReadOnlyList<FhirEcgInput> inputs);
        return EcgNormalizer.TryNormalize(inputs[0].Recording, PreprocessingOptions.Default, _tensor, issues);
    }

    /// <summary>The same decode with inbound validation on (<c>EcgBridge:Fhir:ValidateIncoming</c>): Firely's validator first.</summary>
    [Benchmark]
    public int DecodeJsonValidated()
    {
        var issues = new IssueList();
        FhirEcgDecoder.TryDecode(_json, FhirFormat.Json, null, FhirDecoderOptions.Default with { ValidateProfile = true }, issues, out IReadOnlyList<FhirEcgInput> inputs);
        return inputs.Count;
    }

    private static int Decode(byte[] body)
    {
        var issues = new IssueList();
        FhirEcgDecoder.TryDecode(body, FhirFormat.Unknown, null, issues, out IReadOnlyList<FhirEcgInput> inputs);
        return inputs.Count;
    }
}

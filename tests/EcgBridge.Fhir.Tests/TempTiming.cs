using System.Diagnostics;
using EcgBridge.Core.Issues;
using EcgBridge.Fhir.Decoding;
using EcgBridge.Fhir.Outputs;
using EcgBridge.Fhir.Serialization;
using Hl7.Fhir.Model;
using Xunit.Abstractions;

namespace EcgBridge.Fhir.Tests;

public class TempTiming(ITestOutputHelper output)
{
    [Fact]
    public void Time()
    {
        byte[] body = FhirSerializer.ToBytes(EcgObservationBuilder.Build(SyntheticEcg.Recording(5000)), FhirFormat.Json);
        for (int round = 0; round < 30; round++)
        {
            var issues = new IssueList();
            var sw = Stopwatch.StartNew();
            FhirBodyReader.TryRead(body, FhirFormat.Json, FhirDecoderOptions.Default, issues, out Resource? r);
            double t1 = sw.Elapsed.TotalMilliseconds;
            var obs = (Observation)r!;
            int n = 0;
            foreach (var c in obs.Component) { n += ((SampledData)c.Value!).Data!.Length; }
            double t2 = sw.Elapsed.TotalMilliseconds;
            foreach (var c in obs.Component) { n += ((SampledData)c.Value!).Data!.Length; }
            double t3 = sw.Elapsed.TotalMilliseconds;
            FhirEcgDecoder.TryDecode(r!, null, FhirDecoderOptions.Default, issues, out var inputs);
            double t4 = sw.Elapsed.TotalMilliseconds;
            if (round > 25) output.WriteLine($"read {t1:F2} data1 {t2 - t1:F2} data2 {t3 - t2:F2} decode {t4 - t3:F2} n={n} bytes={body.Length}");
        }
    }
}

using EcgBridge.Core;
using EcgBridge.Fhir.Outputs;
using EcgBridge.Fhir.Serialization;

namespace EcgBridge.Fhir.Tests;

/// <summary>Small deterministic 12-lead recordings and their Observations, for bad-input cases built by editing JSON.</summary>
internal static class SyntheticEcg
{
    public static EcgRecording Recording(int samples = 50, double rateHz = 500)
    {
        var leads = new List<LeadSignal>(LeadCatalog.Count);
        foreach (Lead lead in LeadCatalog.All)
        {
            double[] values = new double[samples];
            for (int s = 0; s < samples; s++)
            {
                values[s] = Math.Round(Math.Sin((s + (int)lead) * 0.3) * (1 + ((int)lead * 0.1)), 3);
            }

            leads.Add(new LeadSignal(lead, values));
        }

        return new EcgRecording(leads, rateHz)
        {
            AcquisitionTime = new DateTimeOffset(2026, 11, 23, 9, 30, 0, TimeSpan.FromHours(1)),
            Source = new EcgSource { PatientId = "Patient/p1", EncounterId = "Encounter/e1" },
        };
    }

    public static string ComponentsJson(int samples = 50) => FhirSerializer.ToJson(EcgObservationBuilder.Build(Recording(samples)));

    public static string InterleavedJson(int samples = 50) =>
        FhirSerializer.ToJson(EcgObservationBuilder.Build(Recording(samples), new EcgObservationOptions { Interleaved = true }));
}

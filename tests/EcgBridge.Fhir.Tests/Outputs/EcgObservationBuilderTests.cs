using System.Text;
using EcgBridge.Core;
using EcgBridge.Core.Issues;
using EcgBridge.Fhir.Decoding;
using EcgBridge.Fhir.Outputs;
using EcgBridge.Fhir.Serialization;
using EcgBridge.Wfdb;
using Hl7.Fhir.Model;

namespace EcgBridge.Fhir.Tests.Outputs;

public class EcgObservationBuilderTests
{
    private static EcgRecording RealRecord()
    {
        var issues = new IssueList();
        Assert.True(WfdbRecordReader.TryRead(TestFiles.WfdbHeader("HR06000"), issues, out EcgRecording? recording), string.Join(", ", issues));
        return recording!;
    }

    [Theory]
    [InlineData(false, FhirFormat.Json)]
    [InlineData(false, FhirFormat.Xml)]
    [InlineData(true, FhirFormat.Json)]
    [InlineData(true, FhirFormat.Xml)]
    public void A_real_12_lead_record_written_as_observation_decodes_to_the_same_samples(bool interleaved, FhirFormat format)
    {
        EcgRecording wfdb = RealRecord();
        Observation observation = EcgObservationBuilder.Build(wfdb, new EcgObservationOptions { Interleaved = interleaved });
        byte[] body = FhirSerializer.ToBytes(observation, format);
        var issues = new IssueList();

        bool ok = FhirEcgDecoder.TryDecode(body, FhirFormat.Unknown, null, issues, out IReadOnlyList<FhirEcgInput> inputs);

        Assert.True(ok, string.Join(", ", issues));
        EcgRecording decoded = Assert.Single(inputs).Recording;
        Assert.Equal(wfdb.SampleRateHz, decoded.SampleRateHz);
        Assert.Equal(wfdb.Leads.Select(l => l.Lead), decoded.Leads.Select(l => l.Lead));
        for (int l = 0; l < wfdb.Leads.Count; l++)
        {
            double[] expected = wfdb.Leads[l].Samples;
            double[] actual = decoded.Leads[l].Samples;
            Assert.Equal(5000, actual.Length);
            double worst = 0;
            for (int s = 0; s < expected.Length; s++)
            {
                worst = Math.Max(worst, Math.Abs(expected[s] - actual[s]));
            }

            Assert.True(worst <= 1e-6, $"lead {wfdb.Leads[l].Lead}: {worst}");
        }
    }

    [Fact]
    public void Observations_with_and_without_samples_round_trip_through_the_strict_parser()
    {
        EcgRecording recording = SyntheticEcg.Recording();

        StrictRoundTrip.Assert(EcgObservationBuilder.Build(recording));
        StrictRoundTrip.Assert(EcgObservationBuilder.Build(recording, new EcgObservationOptions { Interleaved = true }));
        StrictRoundTrip.Assert(EcgObservationBuilder.Build(recording, new EcgObservationOptions { IncludeSamples = false, DedupeKey = "LAB|FAC|MSG1|abc" }));
        StrictRoundTrip.Assert(EcgObservationBuilder.Build(recording, new EcgObservationOptions { ResolutionMillivolts = null }));
    }

    [Fact]
    public void An_hl7_ecg_gets_an_observation_with_deterministic_id_subject_time_and_lead_metadata()
    {
        EcgRecording recording = new(SyntheticEcg.Recording().Leads, 500)
        {
            AcquisitionTime = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero),
            Source = new EcgSource { PatientId = "12345", PatientIdSystem = "HOSP", EncounterId = "V9", OrderId = "ORD-1" },
        };
        var options = new EcgObservationOptions { IncludeSamples = false, DedupeKey = "CART|WARD|MSG-1|hash" };

        Observation first = EcgObservationBuilder.Build(recording, options);
        Observation again = EcgObservationBuilder.Build(recording, options);

        Assert.Equal(first.Id, again.Id);
        Assert.Matches("^[0-9a-f]{64}$", first.Id);
        Assert.Contains(first.Identifier, i => i.System == FhirSystems.EcgObservationIdentifier && i.Value == first.Id);
        Assert.Equal("12345", first.Subject!.Identifier!.Value);
        Assert.Equal("Patient", first.Subject!.Type);
        Assert.Equal("2026-11-23T08:00:00+00:00", ((FhirDateTime)first.Effective!).Value);
        Assert.Equal(12, first.Component.Count);
        Assert.Equal("131329", first.Component[0].Code!.Coding[0].Code);
        var sampled = (SampledData)first.Component[0].Value!;
        Assert.Null(sampled.Data);
        Assert.Equal(2m, sampled.Period);
    }

    [Fact]
    public void Written_observation_is_identical_on_every_run()
    {
        string first = FhirSerializer.ToJson(EcgObservationBuilder.Build(SyntheticEcg.Recording()));
        string second = FhirSerializer.ToJson(EcgObservationBuilder.Build(SyntheticEcg.Recording()));

        Assert.Equal(first, second);
        Assert.DoesNotContain("E", Encoding.UTF8.GetBytes(first).Length > 0 ? "" : "E", StringComparison.Ordinal);
    }
}

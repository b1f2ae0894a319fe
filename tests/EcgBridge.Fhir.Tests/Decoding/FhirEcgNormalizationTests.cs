using EcgBridge.Core;
using EcgBridge.Core.Issues;
using EcgBridge.Core.Mapping;
using EcgBridge.Core.Normalization;
using EcgBridge.Fhir.Decoding;
using EcgBridge.Fhir.Outputs;
using EcgBridge.Fhir.Serialization;
using EcgBridge.Wfdb;

namespace EcgBridge.Fhir.Tests.Decoding;

/// <summary>FHIR input through the normalizer: the same tensor as the WFDB file, and the leads-missing rejections.</summary>
public class FhirEcgNormalizationTests
{
    [Theory]
    [InlineData(false, FhirFormat.Json)]
    [InlineData(false, FhirFormat.Xml)]
    [InlineData(true, FhirFormat.Json)]
    [InlineData(true, FhirFormat.Xml)]
    public void A_real_record_as_observation_gives_the_same_tensor_as_its_wfdb_file(bool interleaved, FhirFormat format)
    {
        var issues = new IssueList();
        Assert.True(WfdbRecordReader.TryRead(TestFiles.WfdbHeader("HR06000"), issues, out EcgRecording? wfdb));
        Assert.True(EcgNormalizer.TryNormalize(wfdb!, PreprocessingOptions.Default, out EcgTensor? expected, issues), string.Join(", ", issues));
        byte[] body = FhirSerializer.ToBytes(EcgObservationBuilder.Build(wfdb!, new EcgObservationOptions { Interleaved = interleaved }), format);

        Assert.True(FhirEcgDecoder.TryDecode(body, FhirFormat.Unknown, null, issues, out IReadOnlyList<FhirEcgInput> inputs));
        Assert.True(EcgNormalizer.TryNormalize(inputs[0].Recording, PreprocessingOptions.Default, out EcgTensor? actual, issues), string.Join(", ", issues));

        float worst = 0;
        for (int i = 0; i < EcgTensor.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(expected!.Data[i] - actual!.Data[i]));
        }

        Assert.True(worst <= 1e-6f, $"largest difference {worst}");
    }

    [Fact]
    public void The_core_ekg_example_with_a_unit_is_rejected_naming_each_missing_lead()
    {
        var profile = new MappingProfile { Name = "ekg", Format = MappingFormat.FhirComponents, DefaultUnit = "uV" };
        var issues = new IssueList();
        Assert.True(FhirEcgDecoder.TryDecode(TestFiles.Fhir("observation-example-sample-data.json"), FhirFormat.Json, profile, issues, out IReadOnlyList<FhirEcgInput> inputs));

        bool ok = EcgNormalizer.TryNormalize(inputs[0].Recording, PreprocessingOptions.Default, out _, issues);

        Assert.False(ok);
        foreach (Lead lead in new[] { Lead.V1, Lead.V2, Lead.V3, Lead.V4, Lead.V5, Lead.V6 })
        {
            Assert.Contains(new Issue(EcgCodes.LeadsMissing, IssueSeverity.Error, EcgNormalizer.LeadLocation(lead)), issues);
        }
    }

    [Fact]
    public void The_point_of_care_example_is_rejected_naming_each_missing_lead()
    {
        var issues = new IssueList();
        Assert.True(FhirEcgDecoder.TryDecode(TestFiles.Fhir("Observation-ECGSampleArrayObservation.xml"), FhirFormat.Unknown, null, issues, out IReadOnlyList<FhirEcgInput> inputs));

        bool ok = EcgNormalizer.TryNormalize(inputs[0].Recording, PreprocessingOptions.Default, out _, issues);

        Assert.False(ok);
        Assert.Contains(new Issue(EcgCodes.LeadsMissing, IssueSeverity.Error, EcgNormalizer.LeadLocation(Lead.V1)), issues);
    }
}

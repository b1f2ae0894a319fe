using System.Text;
using System.Text.Json.Nodes;
using EcgBridge.Core;
using EcgBridge.Core.Issues;
using EcgBridge.Core.Mapping;
using EcgBridge.Fhir.Decoding;

namespace EcgBridge.Fhir.Tests.Decoding;

public class FhirEcgDecoderTests
{
    private static (bool Ok, IReadOnlyList<FhirEcgInput> Inputs, IssueList Issues) Decode(string body, MappingProfile? profile = null, FhirFormat format = FhirFormat.Unknown)
    {
        var issues = new IssueList();
        bool ok = FhirEcgDecoder.TryDecode(body, format, profile, issues, out IReadOnlyList<FhirEcgInput> inputs);
        return (ok, inputs, issues);
    }

    private static (bool Ok, IReadOnlyList<FhirEcgInput> Inputs, IssueList Issues) Decode(byte[] body, MappingProfile? profile = null)
    {
        var issues = new IssueList();
        bool ok = FhirEcgDecoder.TryDecode(body, FhirFormat.Unknown, profile, issues, out IReadOnlyList<FhirEcgInput> inputs);
        return (ok, inputs, issues);
    }

    private static string Edit(string json, Action<JsonNode> edit)
    {
        JsonNode node = JsonNode.Parse(json)!;
        edit(node);
        return node.ToJsonString();
    }

    private static void AssertRejected((bool Ok, IReadOnlyList<FhirEcgInput> Inputs, IssueList Issues) result, string code, string location)
    {
        Assert.False(result.Ok);
        Assert.Empty(result.Inputs);
        Assert.True(result.Issues.Contains(new Issue(code, IssueSeverity.Error, location)), string.Join(", ", result.Issues));
    }

    [Fact]
    public void Rejects_core_ekg_example_because_its_origin_has_no_unit()
    {
        var result = Decode(TestFiles.Fhir("observation-example-sample-data.json"));

        Assert.False(result.Ok);
        for (int i = 0; i < 3; i++)
        {
            Assert.Contains(new Issue(FhirCodes.OriginUnitMissing, IssueSeverity.Error, $"Observation.component[{i}].valueSampledData.origin"), result.Issues);
        }
    }

    [Fact]
    public void Decodes_core_ekg_example_into_three_leads_at_100_Hz_when_a_profile_names_the_unit()
    {
        var profile = new MappingProfile { Name = "ekg", Format = MappingFormat.FhirComponents, DefaultUnit = "uV" };

        var result = Decode(TestFiles.Fhir("observation-example-sample-data.json"), profile);

        Assert.True(result.Ok);
        EcgRecording recording = Assert.Single(result.Inputs).Recording;
        Assert.Equal(100, recording.SampleRateHz);
        Assert.Equal([Lead.I, Lead.II, Lead.III], recording.Leads.Select(l => l.Lead));
        Assert.All(recording.Leads, l => Assert.Equal(116, l.Samples.Length));
        Assert.Equal((2048 + (1.612 * 2041)) * 1e-3, recording.Leads[0].Samples[0], 12);
        Assert.Equal(3.3, recording.Leads[0].UpperLimitMillivolts!.Value, 12);
        Assert.Equal("Patient/f001", recording.Source.PatientId);
        Assert.Equal("ekg", recording.Source.ObservationId);
        Assert.Equal(new DateTimeOffset(2015, 2, 19, 9, 30, 35, TimeSpan.FromHours(1)), recording.AcquisitionTime);
    }

    [Fact]
    public void Decodes_point_of_care_device_example_xml_into_three_leads_at_125_Hz()
    {
        var result = Decode(TestFiles.Fhir("Observation-ECGSampleArrayObservation.xml"));

        Assert.True(result.Ok);
        FhirEcgInput input = Assert.Single(result.Inputs);
        EcgRecording recording = input.Recording;
        Assert.Equal(125, recording.SampleRateHz);
        Assert.Equal([Lead.I, Lead.II, Lead.III], recording.Leads.Select(l => l.Lead));
        Assert.Equal(0.0, recording.Leads[0].Samples[0], 12);
        Assert.Equal(0.6, recording.Leads[0].Samples.Max(), 12);
        Assert.Equal("Patient/SomePatient", recording.Source.PatientId);
        Assert.Equal(new DateTimeOffset(2021, 7, 9, 11, 33, 23, TimeSpan.FromHours(2)), recording.AcquisitionTime);
        Assert.Equal("Observation.component[1]", recording.Leads[1].SourceLocation);
    }

    [Fact]
    public void Decodes_personal_health_device_example_as_a_single_lead_observation()
    {
        var result = Decode(TestFiles.Fhir("rtsa-example-2.json"));

        Assert.True(result.Ok, string.Join(", ", result.Issues));
        EcgRecording recording = Assert.Single(result.Inputs).Recording;
        LeadSignal lead = Assert.Single(recording.Leads);
        Assert.Equal(Lead.I, lead.Lead);
        Assert.Equal(100, recording.SampleRateHz);
        Assert.Equal(116, lead.Samples.Length);
        Assert.Equal(-3300 + (1.612 * 2041), lead.Samples[0], 9);
    }

    [Theory]
    [InlineData("Device-ECGChannelDevice.xml", "Device")]
    [InlineData("Device-ECGVmdDevice.xml", "Device")]
    [InlineData("DeviceMetric-ECGSampleArrayDeviceMetric.xml", "DeviceMetric")]
    public void Rejects_device_guide_resources_that_are_not_observations(string file, string resourceType)
    {
        AssertRejected(Decode(TestFiles.Fhir(file)), FhirCodes.ResourceTypeUnsupported, resourceType);
    }

    [Fact]
    public void Rejects_a_patient_sent_as_ecg()
    {
        AssertRejected(Decode("""{"resourceType":"Patient","id":"p1"}"""), FhirCodes.ResourceTypeUnsupported, "Patient");
    }

    [Fact]
    public void Rejects_an_unknown_resource_type_through_the_strict_parser()
    {
        var result = Decode("""{"resourceType":"Electrocardiogram","id":"x"}""");

        Assert.False(result.Ok);
        Assert.Contains(result.Issues, i => i.Code == FhirCodes.StructureInvalid && i.IsError);
    }

    [Fact]
    public void Rejects_an_element_the_strict_parser_does_not_know_with_its_location()
    {
        string json = Edit(SyntheticEcg.ComponentsJson(), n => n["component"]![2]!["valueSampledData"]!["frequency"] = 500);

        var result = Decode(json);

        Assert.False(result.Ok);
        Assert.True(result.Issues.Any(i => i.Code == FhirCodes.StructureInvalid && i.Location.StartsWith("Observation.component[2].value", StringComparison.Ordinal)), string.Join(", ", result.Issues));
    }

    [Fact]
    public void Rejects_observation_without_leads()
    {
        string json = """{"resourceType":"Observation","status":"final","code":{"text":"ECG"}}""";

        AssertRejected(Decode(json), FhirCodes.ObservationNoLeads, "Observation");
    }

    [Fact]
    public void Decodes_component_per_lead_observation_with_source_ids()
    {
        string json = Edit(SyntheticEcg.ComponentsJson(), n =>
        {
            n["id"] = "ecg-1";
            n["meta"] = new JsonObject { ["versionId"] = "3" };
        });

        var result = Decode(json);

        Assert.True(result.Ok);
        FhirEcgInput input = Assert.Single(result.Inputs);
        Assert.Equal(12, input.Recording.Leads.Count);
        Assert.Equal(500, input.Recording.SampleRateHz);
        Assert.Equal("Patient/p1", input.Recording.Source.PatientId);
        Assert.Equal("Encounter/e1", input.Recording.Source.EncounterId);
        Assert.Equal("ecg-1", input.Recording.Source.ObservationId);
        Assert.Equal("id|Observation/ecg-1/_history/3", input.IdentityKey);
        Assert.Equal("Observation", input.Location);
        EcgRecording expected = SyntheticEcg.Recording();
        for (int l = 0; l < 12; l++)
        {
            Assert.Equal(expected.Leads[l].Samples, input.Recording.Leads[l].Samples, (a, b) => Math.Abs(a - b) <= 1e-9);
        }
    }

    [Fact]
    public void Prefers_the_observation_identifier_for_the_dedupe_identity()
    {
        string json = Edit(SyntheticEcg.ComponentsJson(), n =>
            n["identifier"] = new JsonArray(new JsonObject { ["system"] = "urn:oid:1.2.3", ["value"] = "A-77" }));

        var result = Decode(json);

        FhirEcgInput input = Assert.Single(result.Inputs);
        Assert.Equal("identifier|urn:oid:1.2.3|A-77", input.IdentityKey);
        Assert.Equal("A-77", input.Recording.Source.ObservationId);
        Assert.Equal("urn:oid:1.2.3", input.Recording.Source.ObservationIdentifierSystem);
        Assert.Matches("^[0-9a-f]{64}$", input.WaveformSha256);
    }

    [Fact]
    public void Decodes_interleaved_observation_in_the_profile_lead_order()
    {
        var result = Decode(SyntheticEcg.InterleavedJson());

        Assert.True(result.Ok);
        EcgRecording recording = Assert.Single(result.Inputs).Recording;
        Assert.Equal(LeadCatalog.All.ToArray(), recording.Leads.Select(l => l.Lead));
        EcgRecording expected = SyntheticEcg.Recording();
        Assert.Equal(expected.Leads[7].Samples, recording.Leads[7].Samples, (a, b) => Math.Abs(a - b) <= 1e-9);
    }

    [Fact]
    public void Rejects_interleaved_data_when_the_profile_gives_no_lead_order()
    {
        var profile = new MappingProfile { Name = "no-order", Format = MappingFormat.FhirInterleaved };

        AssertRejected(Decode(SyntheticEcg.InterleavedJson(), profile), FhirCodes.InterleavedOrderMissing, "Observation.valueSampledData");
    }

    [Fact]
    public void Rejects_interleaved_data_whose_dimensions_differ_from_the_profile_lead_order()
    {
        string json = Edit(SyntheticEcg.InterleavedJson(), n => n["valueSampledData"]!["dimensions"] = 8);

        AssertRejected(Decode(json), FhirCodes.DimensionsInvalid, "Observation.valueSampledData.dimensions");
    }

    [Fact]
    public void Rejects_interleaved_data_whose_count_is_not_a_multiple_of_dimensions()
    {
        string json = Edit(SyntheticEcg.InterleavedJson(), n => n["valueSampledData"]!["data"] = n["valueSampledData"]!["data"]!.GetValue<string>() + " 5");

        AssertRejected(Decode(json), FhirCodes.DataCountMismatch, "Observation.valueSampledData.data");
    }

    [Fact]
    public void Rejects_a_lead_component_whose_dimensions_is_not_one()
    {
        string json = Edit(SyntheticEcg.ComponentsJson(), n => n["component"]![4]!["valueSampledData"]!["dimensions"] = 2);

        AssertRejected(Decode(json), FhirCodes.DimensionsInvalid, "Observation.component[4].valueSampledData.dimensions");
    }

    [Theory]
    [InlineData("12 13 abc 14")]
    [InlineData("12 13 1,5 14")]
    [InlineData("12 - 14")]
    [InlineData("12 0x1F 14")]
    public void Rejects_non_numeric_data(string data)
    {
        string json = Edit(SyntheticEcg.ComponentsJson(), n => n["component"]![3]!["valueSampledData"]!["data"] = data);

        AssertRejected(Decode(json), FhirCodes.DataNotNumeric, "Observation.component[3].valueSampledData.data");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void Rejects_period_that_is_zero_or_negative(int period)
    {
        string json = Edit(SyntheticEcg.ComponentsJson(), n => n["component"]![3]!["valueSampledData"]!["period"] = period);

        AssertRejected(Decode(json), FhirCodes.PeriodInvalid, "Observation.component[3].valueSampledData.period");
    }

    [Fact]
    public void Rejects_leads_with_different_periods()
    {
        string json = Edit(SyntheticEcg.ComponentsJson(), n => n["component"]![5]!["valueSampledData"]!["period"] = 4);

        AssertRejected(Decode(json), FhirCodes.PeriodMismatch, "Observation.component[5].valueSampledData.period");
    }

    [Fact]
    public void Rejects_origin_without_unit()
    {
        string json = Edit(SyntheticEcg.ComponentsJson(), n => n["component"]![0]!["valueSampledData"]!["origin"] = new JsonObject { ["value"] = 0 });

        AssertRejected(Decode(json), FhirCodes.OriginUnitMissing, "Observation.component[0].valueSampledData.origin");
    }

    [Fact]
    public void Rejects_origin_whose_unit_is_not_a_voltage()
    {
        string json = Edit(SyntheticEcg.ComponentsJson(), n =>
            n["component"]![0]!["valueSampledData"]!["origin"] = new JsonObject { ["value"] = 0, ["system"] = "http://unitsofmeasure.org", ["code"] = "mm[Hg]" });

        AssertRejected(Decode(json), EcgCodes.UnitUnsupported, "Observation.component[0].valueSampledData.origin.code");
    }

    [Fact]
    public void Rejects_sampled_data_without_data()
    {
        string json = Edit(SyntheticEcg.ComponentsJson(), n => n["component"]![6]!["valueSampledData"]!.AsObject().Remove("data"));

        AssertRejected(Decode(json), FhirCodes.DataMissing, "Observation.component[6].valueSampledData.data");
    }

    [Fact]
    public void Turns_E_into_NaN_and_L_U_into_the_limits()
    {
        string json = Edit(SyntheticEcg.ComponentsJson(), n =>
        {
            JsonNode sampled = n["component"]![1]!["valueSampledData"]!;
            sampled["data"] = "1 E L U 2";
            sampled["lowerLimit"] = -5;
            sampled["upperLimit"] = 5;
        });

        var result = Decode(json);

        Assert.True(result.Ok);
        LeadSignal lead = result.Inputs[0].Recording.Leads[1];
        Assert.Equal(0.001, lead.Samples[0], 12);
        Assert.True(double.IsNaN(lead.Samples[1]));
        Assert.Equal(-5, lead.Samples[2]);
        Assert.Equal(5, lead.Samples[3]);
        Assert.Equal(-5, lead.LowerLimitMillivolts);
        Assert.Contains(new Issue(FhirCodes.DataPointInvalid, IssueSeverity.Warning, "Observation.component[1].valueSampledData.data"), result.Issues);
    }

    [Fact]
    public void Warns_about_and_skips_a_component_whose_code_is_not_a_lead()
    {
        string json = Edit(SyntheticEcg.ComponentsJson(), n =>
            n["component"]![11]!["code"] = new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://loinc.org", ["code"] = "8867-4" }) });

        var result = Decode(json);

        Assert.True(result.Ok);
        Assert.Equal(11, result.Inputs[0].Recording.Leads.Count);
        Assert.Contains(new Issue(EcgCodes.LeadUnknown, IssueSeverity.Warning, "Observation.component[11].code"), result.Issues);
    }

    [Fact]
    public void Maps_feed_specific_lead_codes_through_the_profile_aliases()
    {
        string json = Edit(SyntheticEcg.ComponentsJson(), n =>
            n["component"]![0]!["code"] = new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = "urn:vendor:leads", ["code"] = "LEAD_1" }) });
        var profile = new MappingProfile
        {
            Name = "vendor",
            Format = MappingFormat.FhirComponents,
            LeadAliases = new Dictionary<string, string> { ["LEAD_1"] = "I" },
        };

        var result = Decode(json, profile);

        Assert.True(result.Ok);
        Assert.Equal(Lead.I, result.Inputs[0].Recording.Leads[0].Lead);
    }

    [Fact]
    public void Accepts_the_ISO_spelling_of_the_MDC_system()
    {
        string json = SyntheticEcg.ComponentsJson().Replace("urn:oid:2.16.840.1.113883.6.24", "urn:iso:std:iso:11073:10101", StringComparison.Ordinal);

        var result = Decode(json);

        Assert.True(result.Ok);
        Assert.Equal(12, result.Inputs[0].Recording.Leads.Count);
    }

    [Theory]
    [InlineData("transaction")]
    [InlineData("batch")]
    [InlineData("collection")]
    public void Decodes_each_ecg_observation_of_a_bundle(string type)
    {
        JsonNode first = JsonNode.Parse(SyntheticEcg.ComponentsJson())!;
        JsonNode second = JsonNode.Parse(SyntheticEcg.InterleavedJson())!;
        var entries = new JsonArray(
            new JsonObject { ["fullUrl"] = "urn:uuid:0b6c1a53-5a3e-4d0c-9d7b-000000000001", ["resource"] = new JsonObject { ["resourceType"] = "Patient", ["id"] = "p1" } },
            new JsonObject { ["fullUrl"] = "urn:uuid:0b6c1a53-5a3e-4d0c-9d7b-000000000002", ["resource"] = first },
            new JsonObject { ["fullUrl"] = "urn:uuid:0b6c1a53-5a3e-4d0c-9d7b-000000000003", ["resource"] = second });
        if (type != "collection")
        {
            foreach (JsonNode? entry in entries)
            {
                entry!["request"] = new JsonObject { ["method"] = "POST", ["url"] = entry["resource"]!["resourceType"]!.GetValue<string>() };
            }
        }

        var bundle = new JsonObject { ["resourceType"] = "Bundle", ["type"] = type, ["entry"] = entries };

        var result = Decode(bundle.ToJsonString());

        Assert.True(result.Ok, string.Join(", ", result.Issues));
        Assert.Equal(2, result.Inputs.Count);
        Assert.Equal("Bundle.entry[1].resource", result.Inputs[0].Location);
        Assert.Equal("urn:uuid:0b6c1a53-5a3e-4d0c-9d7b-000000000003", result.Inputs[1].FullUrl);
        Assert.All(result.Inputs, i => Assert.Equal(12, i.Recording.Leads.Count));
    }

    [Fact]
    public void Reports_problems_inside_a_bundle_with_the_entry_path()
    {
        JsonNode observation = JsonNode.Parse(SyntheticEcg.ComponentsJson())!;
        observation["component"]![2]!["valueSampledData"]!["period"] = 0;
        var bundle = new JsonObject
        {
            ["resourceType"] = "Bundle",
            ["type"] = "collection",
            ["entry"] = new JsonArray(new JsonObject { ["resource"] = observation }),
        };

        AssertRejected(Decode(bundle.ToJsonString()), FhirCodes.PeriodInvalid, "Bundle.entry[0].resource.component[2].valueSampledData.period");
    }

    [Fact]
    public void Rejects_a_searchset_bundle()
    {
        AssertRejected(Decode("""{"resourceType":"Bundle","type":"searchset"}"""), FhirCodes.BundleTypeUnsupported, "Bundle.type");
    }

    [Fact]
    public void Rejects_a_bundle_without_ecg()
    {
        string json = """{"resourceType":"Bundle","type":"collection","entry":[{"resource":{"resourceType":"Patient","id":"p"}}]}""";

        AssertRejected(Decode(json), FhirCodes.BundleNoEcg, "Bundle.entry");
    }

    [Fact]
    public void Refuses_a_100_MB_bundle_by_size_before_parsing()
    {
        byte[] body = new byte[100 * 1024 * 1024];
        "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":["u8.CopyTo(body);
        body.AsSpan(60).Fill((byte)' ');

        AssertRejected(Decode(body), FhirCodes.BodyTooLarge, "body");
    }

    [Fact]
    public void Refuses_a_too_large_string_body_before_encoding_it()
    {
        var options = new FhirDecoderOptions { MaxBodyBytes = 1000 };
        var issues = new IssueList();

        bool ok = FhirEcgDecoder.TryDecode(SyntheticEcg.ComponentsJson(), FhirFormat.Json, null, options, issues, out _);

        Assert.False(ok);
        Assert.Contains(new Issue(FhirCodes.BodyTooLarge, IssueSeverity.Error, "body"), issues);
    }

    [Fact]
    public void Refuses_deeply_nested_json()
    {
        string json = """{"resourceType":"Observation","extension":""" + string.Concat(Enumerable.Repeat("[", 5000)) + string.Concat(Enumerable.Repeat("]", 5000)) + "}";

        AssertRejected(Decode(json), FhirCodes.NestingTooDeep, "line 1");
    }

    [Fact]
    public void Refuses_deeply_nested_xml()
    {
        string xml = "<Observation xmlns=\"http://hl7.org/fhir\">" + string.Concat(Enumerable.Repeat("<extension>", 200)) + string.Concat(Enumerable.Repeat("</extension>", 200)) + "</Observation>";

        AssertRejected(Decode(xml), FhirCodes.NestingTooDeep, "line 1");
    }

    [Fact]
    public void Refuses_xml_with_a_document_type_declaration()
    {
        string xml = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaa\">]><Observation xmlns=\"http://hl7.org/fhir\"><status value=\"final\"/></Observation>";

        AssertRejected(Decode(xml), FhirCodes.SyntaxInvalid, "line 1");
    }

    [Fact]
    public void Refuses_malformed_json_naming_the_line()
    {
        AssertRejected(Decode("{\n\"resourceType\": \"Observation\",\n\"status\": \n}"), FhirCodes.SyntaxInvalid, "line 4");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n")]
    public void Refuses_an_empty_body(string body)
    {
        AssertRejected(Decode(body), FhirCodes.BodyEmpty, "body");
    }

    [Fact]
    public void Refuses_a_body_that_is_neither_json_nor_xml()
    {
        AssertRejected(Decode("MSH|^~\\&|CART"), FhirCodes.FormatUnknown, "body");
    }

    [Fact]
    public void Sniffs_json_and_xml_after_a_byte_order_mark()
    {
        Assert.Equal(FhirFormat.Json, FhirBodyReader.Sniff([.. Encoding.UTF8.Preamble, .. " {}"u8]));
        Assert.Equal(FhirFormat.Xml, FhirBodyReader.Sniff("\n<Observation/>"u8));
    }
}

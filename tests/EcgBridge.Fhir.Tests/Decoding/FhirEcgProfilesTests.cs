using EcgBridge.Core;
using EcgBridge.Core.Issues;
using EcgBridge.Core.Mapping;
using EcgBridge.Fhir.Decoding;
using EcgBridge.TestSupport;

namespace EcgBridge.Fhir.Tests.Decoding;

public class FhirEcgProfilesTests
{
    private static MappingProfileSet MappingsFolder(IssueList issues)
    {
        var sources = Directory.GetFiles(RepositoryPaths.Combine("mappings"), "fhir-*.json")
            .Select(path => new KeyValuePair<string, string>(Path.GetFileName(path), File.ReadAllText(path)));
        return MappingProfileSet.FromJson(sources, issues);
    }

    [Fact]
    public void The_fhir_profiles_in_mappings_parse_and_match_the_built_in_ones()
    {
        var issues = new IssueList();

        MappingProfileSet set = MappingsFolder(issues);

        Assert.Empty(issues);
        Assert.Equal(FhirEcgProfiles.Default.InterleavedLeadOrder, set.Find("fhir-components")!.InterleavedLeadOrder);
        Assert.Equal(MappingFormat.FhirInterleaved, set.Find("fhir-interleaved-12")!.Format);
    }

    [Fact]
    public void Decodes_with_a_profile_selected_from_the_mappings_folder()
    {
        var issues = new IssueList();
        MappingProfileSet set = MappingsFolder(issues);

        bool ok = FhirEcgDecoder.TryDecode(System.Text.Encoding.UTF8.GetBytes(SyntheticEcg.InterleavedJson()), FhirFormat.Json, set, null, issues, out IReadOnlyList<FhirEcgInput> inputs);

        Assert.True(ok);
        Assert.Equal(LeadCatalog.All.ToArray(), inputs[0].Recording.Leads.Select(l => l.Lead));
    }

    [Fact]
    public void Rejects_a_profile_name_that_is_not_a_fhir_profile()
    {
        var hl7 = new MappingProfile { Name = "pcd01", Format = MappingFormat.Hl7v2Pcd01 };
        var issues = new IssueList();

        bool ok = FhirEcgDecoder.TryDecode(System.Text.Encoding.UTF8.GetBytes(SyntheticEcg.ComponentsJson()), FhirFormat.Json, new MappingProfileSet([hl7]), "pcd01", issues, out _);

        Assert.False(ok);
        Assert.Contains(new Issue(FhirCodes.ProfileUnknown, IssueSeverity.Error, "profile"), issues);
    }
}

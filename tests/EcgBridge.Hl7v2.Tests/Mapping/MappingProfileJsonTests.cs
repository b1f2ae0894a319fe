using EcgBridge.Core;
using EcgBridge.Core.Issues;
using EcgBridge.Core.Mapping;

namespace EcgBridge.Hl7v2.Tests.Mapping;

public class MappingProfileJsonTests
{
    [Fact]
    public void Every_shipped_profile_loads()
    {
        Assert.Contains(TestFiles.Profiles.Profiles, p => p.Name == "ihe-pcd01");
        Assert.Contains(TestFiles.Profiles.Profiles, p => p.Name == "hl7v2-waveform-ecg");
        MappingProfile philips = TestFiles.Profiles.Find("philips-intellivue-pcd01")!;
        Assert.True(philips.TryMapLead("MDC_ECG_ELEC_POTL_AVR", out Lead lead));
        Assert.Equal(Lead.AVR, lead);
    }

    [Fact]
    public void Selection_prefers_explicit_names_then_priority_and_match_rules()
    {
        MappingProfileSet set = TestFiles.Profiles;
        Assert.Equal("philips-intellivue-pcd01", set.Select(null, "SendingApplication", "X", "69121", [MappingFormat.Hl7v2Pcd01])!.Name);
        Assert.Equal("hl7v2-waveform-ecg", set.Select(null, "Other", null, "11524-6")!.Name);
        Assert.Equal("ihe-pcd01", set.Select(null, "Other", null, "69121", [MappingFormat.Hl7v2Pcd01])!.Name);
        Assert.Equal("ihe-pcd01", set.Select("IHE-PCD01", null, null, null)!.Name);
        Assert.Null(set.Select("missing", null, null, null));
    }

    [Theory]
    [InlineData("{", MappingCodes.JsonInvalid)]
    [InlineData("[]", MappingCodes.JsonInvalid)]
    [InlineData("{\"format\":\"Hl7v2Pcd01\"}", MappingCodes.PropertyInvalid)]
    [InlineData("{\"name\":\"x\",\"format\":\"Csv\"}", MappingCodes.FormatUnknown)]
    [InlineData("{\"name\":\"x\",\"format\":\"Hl7v2Pcd01\",\"leadAliases\":{\"a\":\"V9\"}}", MappingCodes.LeadAliasInvalid)]
    [InlineData("{\"name\":\"x\",\"format\":\"Hl7v2Pcd01\",\"unitAliases\":{\"a\":-1}}", MappingCodes.UnitAliasInvalid)]
    public void Refuses_unusable_profiles_with_a_code(string json, string code)
    {
        var issues = new IssueList();
        Assert.False(MappingProfileJson.TryParse(json, issues, out _));
        Assert.Contains(issues, i => i.Code == code);
    }
}

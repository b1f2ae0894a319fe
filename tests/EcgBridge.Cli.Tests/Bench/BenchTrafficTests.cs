using System.Text;
using EcgBridge.Cli.Bench;
using EcgBridge.Cli.Commands;
using EcgBridge.Core.Issues;
using EcgBridge.Fhir;
using EcgBridge.Fhir.Decoding;

namespace EcgBridge.Cli.Tests.Bench;

public class BenchTrafficTests
{
    [Fact]
    public void Hl7_messages_from_one_template_carry_their_own_control_id_and_are_otherwise_the_template()
    {
        BenchTraffic traffic = BenchTraffic.Create(SimulateFormat.Hl7, 1, run: 0xABCDEF);
        byte[][] scratch = traffic.NewScratch();

        // Messages 3 and 3 + pool share a template (and the sender's copy of it).
        string first = Encoding.ASCII.GetString(traffic.Message(3, scratch));
        string second = Encoding.ASCII.GetString(traffic.Message(3 + BenchTraffic.WaveformPool, scratch));

        Assert.Equal("R000000ABCDEF0000003", Msh10(first));
        Assert.Equal("R000000ABCDEF0000011", Msh10(second));
        Assert.DoesNotContain("QQBENCHID", first, StringComparison.Ordinal);
        Assert.Equal(first.Replace("0000003", "", StringComparison.Ordinal), second.Replace("0000011", "", StringComparison.Ordinal));
    }

    [Fact]
    public void A_fhir_bundle_carries_its_size_of_decodable_observations_each_with_its_own_identifier()
    {
        BenchTraffic traffic = BenchTraffic.Create(SimulateFormat.Fhir, 3, run: 1);
        byte[] bundle = traffic.Message(1, traffic.NewScratch());
        var issues = new IssueList();

        bool decoded = FhirEcgDecoder.TryDecode(bundle, FhirFormat.Json, profile: null, issues, out IReadOnlyList<FhirEcgInput> inputs);

        Assert.True(decoded, string.Join("; ", issues.Select(i => i.Code)));
        Assert.Equal(3, inputs.Count);
        // Bundle 1 of size 3 holds ECGs 3, 4 and 5 of the run.
        Assert.Equal(
            ["R0000000000010000003", "R0000000000010000004", "R0000000000010000005"],
            inputs.Select(i => i.IdentityKey![(i.IdentityKey!.LastIndexOf('|') + 1)..]));
    }

    private static string Msh10(string message) => message.Split('\r')[0].Split('|')[9];
}

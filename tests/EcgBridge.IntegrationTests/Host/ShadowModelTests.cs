using System.Text.Json.Nodes;
using EcgBridge.Core.Audit;
using EcgBridge.Inference;
using EcgBridge.TestSupport;

namespace EcgBridge.IntegrationTests.Host;

/// <summary>
/// Models as a registry (<c>EcgBridge:Models</c>): a candidate scored in shadow beside the primary is recorded in the
/// audit chain and never becomes the result; a candidate that cannot be trusted or fed the primary's tensor stops the
/// service at start.
/// </summary>
public sealed class ShadowModelTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private readonly string _registry = Path.Combine(Path.GetTempPath(), "ecgb-models-" + Guid.NewGuid().ToString("N")[..8]);

    public ShadowModelTests()
    {
        // The shipped model as primary, and a copy of it under another name and version as the candidate.
        CopyModel("ecg-smart-net", m => m);
        CopyModel("candidate", m =>
        {
            m["name"] = "ecg-smart-net-candidate";
            m["version"] = "0.2.0-candidate";
            return m;
        });
    }

    [Fact]
    public async Task A_shadow_model_scores_every_ECG_into_the_audit_chain_and_never_becomes_the_result()
    {
        await using RecordingHl7Destination his = RecordingHl7Destination.Start();
        await using RunningHost host = await RunningHost.StartAsync(Settings(("EcgBridge:Models:Shadow:0", "candidate"), ("EcgBridge:Hl7Destinations:his:Url", "mllp://127.0.0.1:" + his.Port)));

        Assert.Equal("AA", (await host.SendHl7Async(EcgMessages.Hl7("SHADOW-1", "P-SH-1"))).Code);
        AuditEntry shadow = await Poll.UntilAsync(
            async () => (await host.AuditAsync(new AuditFilter { MessageId = "SHADOW-1" })).FirstOrDefault(r => r.Outcome == AuditOutcome.ShadowScored),
            Deadline,
            "the shadow row");

        IReadOnlyList<AuditEntry> rows = await host.AuditAsync(new AuditFilter { MessageId = "SHADOW-1" });
        AuditEntry primary = Assert.Single(rows, r => r.Outcome == AuditOutcome.Scored);
        Assert.Equal("ecg-smart-net", primary.ModelName);
        Assert.Equal("ecg-smart-net-candidate", shadow.ModelName);
        Assert.Equal("0.2.0-candidate", shadow.ModelVersion);
        Assert.Equal(primary.Probability!.Value, shadow.Probability!.Value, 6);
        Assert.Null(shadow.RiskAssessmentId);

        // The result served and sent is the primary's alone.
        await Poll.UntilAsync(() => Task.FromResult(his.Received.Count >= 1), Deadline, "the ORU");
        Assert.Single(his.Received);
        Assert.Contains("ecg-smart-net 0.1.0", his.Received.Single(), StringComparison.Ordinal);
        Assert.DoesNotContain("candidate", his.Received.Single(), StringComparison.Ordinal);
        Assert.True((await host.Store.VerifyChainAsync(CancellationToken.None)).Intact);

        // Auditors read the shadow score as the preliminary RiskAssessment it would have been (validated like every
        // FHIR answer here); the FHIR API never serves it.
        using (var preliminary = System.Text.Json.JsonDocument.Parse(await host.Http.GetStringAsync(new Uri($"compliance/api/audit/{shadow.Sequence}/riskassessment", UriKind.Relative))))
        {
            System.Text.Json.JsonElement ra = preliminary.RootElement;
            Assert.Equal("preliminary", ra.GetProperty("status").GetString());
            Assert.Equal("ecg-smart-net-candidate", ra.GetProperty("method").GetProperty("coding")[0].GetProperty("code").GetString());
            Assert.Equal(shadow.Probability!.Value, ra.GetProperty("prediction")[0].GetProperty("probabilityDecimal").GetDouble(), 6);
            Assert.NotEqual(primary.RiskAssessmentId, ra.GetProperty("id").GetString());
            Assert.Equal(System.Net.HttpStatusCode.NotFound, (await host.Http.GetAsync(new Uri("fhir/RiskAssessment/" + ra.GetProperty("id").GetString(), UriKind.Relative))).StatusCode);
        }

        // Both models are readable Devices, each with its own model card.
        string devices = await host.Http.GetStringAsync(new Uri("fhir/Device", UriKind.Relative));
        using (var bundle = System.Text.Json.JsonDocument.Parse(devices))
        {
            Assert.Equal(2, bundle.RootElement.GetProperty("total").GetInt32());
            System.Text.Json.JsonElement candidate = bundle.RootElement.GetProperty("entry")[1].GetProperty("resource");
            Assert.Equal("ecg-smart-net-candidate", candidate.GetProperty("deviceName")[0].GetProperty("name").GetString());
            string card = candidate.GetProperty("contained")[0].GetProperty("content")[0].GetProperty("attachment").GetProperty("url").GetString()!;
            Assert.Equal(System.Net.HttpStatusCode.OK, (await host.Http.GetAsync(new Uri(card))).StatusCode);
        }

        // The registry as an operator sees it, and the comparison as a safety officer runs it.
        (int listed, string list, _) = await CliProcess.RunAsync("models", "verify", "--models-dir", _registry);
        Assert.Equal(0, listed);
        Assert.Contains("ecg-smart-net-candidate 0.2.0-candidate", list, StringComparison.Ordinal);
        string json = Path.Combine(_registry, "compare.json");
        (int compared, string table, string error) = await CliProcess.RunAsync("models", "compare", "--data-dir", host.DataDir, "--json", json);
        Assert.True(compared == 0, error);
        Assert.Contains("ecg-smart-net-candidate", table, StringComparison.Ordinal);
        using var doc = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(json));
        System.Text.Json.JsonElement result = Assert.Single(doc.RootElement.GetProperty("comparisons").EnumerateArray().ToList());
        Assert.Equal(1, result.GetProperty("Count").GetInt32());
        Assert.Equal(1, result.GetProperty("Agreeing").GetInt32());
    }

    [Fact]
    public async Task A_shadow_sample_of_zero_scores_nothing_in_shadow()
    {
        // One message at a time: once the second is scored, the first one's handling (shadow step included) is over.
        await using RunningHost host = await RunningHost.StartAsync(Settings(
            ("EcgBridge:Models:Shadow:0", "candidate"),
            ("EcgBridge:Models:ShadowSampling", "0"),
            ("EcgBridge:Bus:ConcurrentMessageLimit", "1"),
            ("EcgBridge:Bus:PrefetchCount", "1")));

        Assert.Equal("AA", (await host.SendHl7Async(EcgMessages.Hl7("SHADOW-0", "P-SH-0"))).Code);
        Assert.Equal("AA", (await host.SendHl7Async(EcgMessages.Hl7("SHADOW-0B", "P-SH-0B"))).Code);
        await Poll.UntilAsync(async () => (await host.AuditAsync(new AuditFilter { MessageId = "SHADOW-0B" })).Any(r => r.Outcome == AuditOutcome.Scored), Deadline, "the second scored");

        Assert.Contains(await host.AuditAsync(new AuditFilter { MessageId = "SHADOW-0" }), r => r.Outcome == AuditOutcome.Scored);
        Assert.DoesNotContain(await host.AuditAsync(new AuditFilter { MessageId = "SHADOW-0" }), r => r.Outcome == AuditOutcome.ShadowScored);
    }

    [Theory]
    [InlineData("sha", InferenceCodes.HashMismatch)]
    [InlineData("preprocessing", InferenceCodes.ShadowPreprocessingMismatch)]
    public async Task A_candidate_that_cannot_be_trusted_or_fed_the_primary_tensor_stops_the_service_at_start(string defect, string code)
    {
        CopyModel("broken", m =>
        {
            m["name"] = "broken";
            if (defect == "sha")
            {
                m["sha256"] = new string('0', 64);
            }
            else
            {
                m["preprocessing"]!["highPassCutoffHz"] = 0.67;
            }

            return m;
        });

        ModelLoadException refused = await Assert.ThrowsAsync<ModelLoadException>(async () =>
        {
            await using RunningHost host = await RunningHost.StartAsync(Settings(("EcgBridge:Models:Shadow:0", "broken")));
        });

        Assert.Equal(code, refused.Code);
    }

    public void Dispose() => Directory.Delete(_registry, recursive: true);

    private Dictionary<string, string?> Settings(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?> { ["EcgBridge:Models:Directory"] = _registry, ["EcgBridge:Models:Primary"] = "ecg-smart-net" };
        foreach ((string key, string value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    private void CopyModel(string folder, Func<JsonNode, JsonNode> edit)
    {
        string source = RepositoryPaths.Combine("models", "ecg-smart-net");
        string target = Path.Combine(_registry, folder);
        Directory.CreateDirectory(target);
        File.Copy(Path.Combine(source, "model.onnx"), Path.Combine(target, "model.onnx"));
        File.Copy(Path.Combine(source, "MODEL_CARD.md"), Path.Combine(target, "MODEL_CARD.md"));
        JsonNode manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(source, "manifest.json")))!;
        File.WriteAllText(Path.Combine(target, "manifest.json"), edit(manifest).ToJsonString());
    }
}

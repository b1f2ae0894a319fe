using System.Security.Cryptography;
using EcgBridge.Core.Audit;
using EcgBridge.Fhir.Outputs;
using Microsoft.IdentityModel.Tokens;

namespace EcgBridge.IntegrationTests.Host;

/// <summary>Delivery to an EHR that requires SMART Backend Services (client credentials, private_key_jwt ES384).</summary>
public sealed class SmartBackendDeliveryTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);
    private readonly string _keyFile = Path.Combine(Path.GetTempPath(), "ecgb-smart-" + Guid.NewGuid().ToString("N")[..8] + ".pem");
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP384);

    public Task InitializeAsync() => File.WriteAllTextAsync(_keyFile, _key.ExportPkcs8PrivateKeyPem());

    public Task DisposeAsync()
    {
        File.Delete(_keyFile);
        _key.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Results_reach_the_EHR_with_a_token_from_its_discovered_endpoint_and_a_revoked_token_is_renewed()
    {
        await using RecordingEhr ehr = await RecordingEhr.StartAsync();
        using var publicKey = ECDsa.Create(_key.ExportParameters(includePrivateParameters: false));
        ehr.RequireSmartBackend(new ECDsaSecurityKey(publicKey));
        await using RunningHost host = await RunningHost.StartAsync(new Dictionary<string, string?>
        {
            ["EcgBridge:Ehr:BaseUrl"] = ehr.BaseUrl,
            ["EcgBridge:Ehr:Auth:Mode"] = "smart-backend",
            ["EcgBridge:Ehr:Auth:ClientId"] = "ecgbridge-test-client",
            ["EcgBridge:Ehr:Auth:PrivateKeyPath"] = _keyFile,
            ["EcgBridge:Ehr:Auth:Scope"] = "system/RiskAssessment.write",
        });

        await host.SendHl7Async(EcgMessages.Hl7("SMART-1", "P-SMART-1"));
        await Poll.UntilAsync(() => Task.FromResult(ehr.Creates == 1), Deadline, "first RiskAssessment at the EHR");
        ehr.RevokeTokens();
        await host.SendHl7Async(EcgMessages.Hl7("SMART-2", "P-SMART-2"));
        await Poll.UntilAsync(() => Task.FromResult(ehr.Creates == 2), Deadline, "second RiskAssessment at the EHR");

        Assert.Equal(2, ehr.TokenRequests);
        string id = FhirIds.Sha256Hex((await host.AuditAsync(new AuditFilter { MessageId = "SMART-1" }))[0].DedupeKey);
        Assert.NotNull(ehr.Find(id));
    }

    [Fact]
    public async Task A_client_the_EHR_does_not_know_gets_no_token_and_the_row_waits_with_its_code()
    {
        await using RecordingEhr ehr = await RecordingEhr.StartAsync();
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        ehr.RequireSmartBackend(new ECDsaSecurityKey(stranger));
        await using RunningHost host = await RunningHost.StartAsync(new Dictionary<string, string?>
        {
            ["EcgBridge:Ehr:BaseUrl"] = ehr.BaseUrl,
            ["EcgBridge:Ehr:Auth:Mode"] = "smart-backend",
            ["EcgBridge:Ehr:Auth:ClientId"] = "ecgbridge-test-client",
            ["EcgBridge:Ehr:Auth:PrivateKeyPath"] = _keyFile,
        });

        await host.SendHl7Async(EcgMessages.Hl7("SMART-X", "P-SMART-X"));
        await Poll.UntilAsync(async () => (await host.AuditAsync(new AuditFilter { MessageId = "SMART-X" })).Any(r => r.Outcome == AuditOutcome.Scored), Deadline, "scored");
        await Poll.UntilAsync(() => Task.FromResult(ehr.Posts == 0 && ehr.TokenRequests == 0), Deadline, "no delivery");

        Assert.Equal(0, ehr.Creates);
        Assert.True((await host.Store.GetOutboxBacklogAsync(CancellationToken.None)).Pending >= 1);
    }
}

using System.Net;
using EcgBridge.Core.Audit;

namespace EcgBridge.IntegrationTests.Host;

/// <summary>Embedded mode: no servers configured — SQLite and the spool under the data dir, in-memory bus.</summary>
public sealed class EcgBridgeHostEmbeddedTests
{
    [Fact]
    public async Task Embedded_service_answers_AA_and_serves_the_RiskAssessment()
    {
        await using RunningHost host = await RunningHost.StartAsync(new Dictionary<string, string?>());
        string controlId = "EMB-" + Guid.NewGuid().ToString("N")[..12];

        Ack ack = await host.SendHl7Async(EcgMessages.Hl7(controlId));

        Assert.Equal("AA", ack.Code);
        AuditEntry scored = await Poll.UntilAsync(
            async () =>
            {
                foreach (AuditEntry row in await host.AuditAsync(new AuditFilter { MessageId = controlId, Outcome = AuditOutcome.Scored }))
                {
                    return row;
                }

                return null;
            },
            TimeSpan.FromSeconds(90),
            "scored audit row");
        HttpResponseMessage response = await host.Http.GetAsync(new Uri("fhir/RiskAssessment/" + scored.RiskAssessmentId, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(File.Exists(Path.Combine(host.DataDir, "audit.db")));
        Assert.Empty(Directory.GetFiles(Path.Combine(host.DataDir, "spool")));
    }
}

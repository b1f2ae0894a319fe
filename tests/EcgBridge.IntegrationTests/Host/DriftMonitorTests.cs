using System.Globalization;
using System.Net;
using System.Text.Json;
using EcgBridge.Core.Audit;
using EcgBridge.TestSupport;

namespace EcgBridge.IntegrationTests.Host;

/// <summary>Score drift: a shifted score distribution makes <c>/health</c> Degraded (200) and never touches readiness.</summary>
public sealed class DriftMonitorTests
{
    [Fact]
    public async Task A_shifted_score_distribution_from_a_source_shows_as_Degraded_in_health_and_readiness_stays_up()
    {
        await using RunningHost host = await RunningHost.StartAsync(new Dictionary<string, string?>
        {
            ["EcgBridge:Drift:IntervalSeconds"] = "1",
            ["EcgBridge:Drift:MinimumCount"] = "30",
        });
        DateTimeOffset now = DateTimeOffset.UtcNow;
        for (int i = 0; i < 40; i++)
        {
            // Reference week: low scores; the last day: the same source scores high.
            await host.Store.RecordScoredAsync(Row("ref-" + i, now.AddDays(-2).AddMinutes(i), 0.05 + (i % 10 * 0.01)), [], null, default);
            await host.Store.RecordScoredAsync(Row("cur-" + i, now.AddHours(-1).AddSeconds(i), 0.75 + (i % 10 * 0.02)), [], null, default);
        }

        using JsonDocument health = await Poll.UntilAsync(
            async () =>
            {
                using HttpResponseMessage response = await host.Http.GetAsync(new Uri("health", UriKind.Relative));
                var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                if (response.StatusCode == HttpStatusCode.OK && doc.RootElement.GetProperty("status").GetString() == "Degraded")
                {
                    return doc;
                }

                doc.Dispose();
                return null;
            },
            TimeSpan.FromSeconds(60),
            "drift in /health");

        JsonElement drift = health.RootElement.GetProperty("checks").GetProperty("drift");
        Assert.Equal("Degraded", drift.GetProperty("status").GetString());
        Assert.Contains("ecg-smart-net 0.1.0 @ CART^WARD3", drift.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.True(drift.GetProperty("data").GetProperty("score: ecg-smart-net 0.1.0 @ CART^WARD3").GetDouble() > 1.0);
        using HttpResponseMessage ready = await host.Http.GetAsync(new Uri("health/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    private static AuditRecord Row(string key, DateTimeOffset received, double probability) => AuditSamples.Scored(key) with
    {
        ReceivedAt = received,
        FinishedAt = received.AddMilliseconds(40),
        Probability = Math.Round(probability, 4, MidpointRounding.AwayFromZero),
        MessageId = "DRIFT-" + key.ToString(CultureInfo.InvariantCulture),
    };
}

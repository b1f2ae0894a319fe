using System.Globalization;
using EcgBridge.Core.Audit;
using EcgBridge.TestSupport;
using Xunit.Abstractions;

namespace EcgBridge.IntegrationTests.Host;

/// <summary>Results to HL7-only systems: an ORU^R01 per scored ECG, through the outbox (issue 16).</summary>
public sealed class Hl7DestinationTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Each_scored_ECG_reaches_the_HL7_system_as_one_ORU_with_the_patient_order_probability_and_risk()
    {
        await using RecordingHl7Destination his = RecordingHl7Destination.Start();
        await using RunningHost host = await RunningHost.StartAsync(Settings(his));

        Ack ack = await host.SendHl7Async(EcgMessages.Hl7("ORU-1", "P-ORU-1"));
        await Poll.UntilAsync(() => Task.FromResult(his.Received.Count >= 1), Deadline, "ORU at the destination");

        Assert.Equal("AA", ack.Code);
        string oru = Assert.Single(his.Received);
        string[] segments = oru.Split('\r', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("MSH|^~\\&|ECGBRIDGE|", segments[0], StringComparison.Ordinal);
        Assert.Contains("ORU^R01", segments[0], StringComparison.Ordinal);
        Assert.Contains(segments, s => s.StartsWith("PID|1||P-ORU-1", StringComparison.Ordinal));
        AuditEntry scored = (await host.AuditAsync(new AuditFilter { MessageId = "ORU-1" })).Single(e => e.Outcome == AuditOutcome.Scored);
        string probability = segments.Single(s => s.StartsWith("OBX|1|NM|", StringComparison.Ordinal)).Split('|')[5];
        Assert.Equal(scored.Probability!.Value, double.Parse(probability, CultureInfo.InvariantCulture), 5);
        Assert.Contains(segments, s => s.StartsWith("OBX|2|CWE|", StringComparison.Ordinal) && s.Contains(scored.Risk!.Value.ToString().ToLowerInvariant(), StringComparison.Ordinal));
        Assert.Contains(segments, s => s.StartsWith("NTE|1|L|", StringComparison.Ordinal));
        Assert.All(segments.Where(s => s.StartsWith("OBX", StringComparison.Ordinal)), s => Assert.Equal("F", s.Split('|')[11]));
    }

    [Fact]
    public async Task A_destination_down_then_restarted_twice_receives_every_result_once()
    {
        await using RecordingHl7Destination his = RecordingHl7Destination.Start();
        await using RunningHost host = await RunningHost.StartAsync(Settings(his));
        await his.PauseAsync();

        for (int i = 0; i < 4; i++)
        {
            Assert.Equal("AA", (await host.SendHl7Async(EcgMessages.Hl7("ORU-R" + i.ToString(CultureInfo.InvariantCulture), "P-R" + i.ToString(CultureInfo.InvariantCulture)))).Code);
        }

        his.Resume();
        await Poll.UntilAsync(() => Task.FromResult(his.Received.Count >= 2), Deadline, "first ORUs");
        await his.PauseAsync();
        his.Resume();
        await Poll.UntilAsync(() => Task.FromResult(his.ControlIds().Distinct().Count() == 4), Deadline, "every ORU");

        List<string> ids = his.ControlIds();
        Assert.Equal(4, ids.Distinct().Count());
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task Every_queued_result_reaches_a_destination_that_restarts_twice_during_the_run_exactly_once()
    {
        // 600 in CI; EcgBridge__Bench__OruResults=10000 for the figure in docs/benchmarks.md.
        int results = int.TryParse(Environment.GetEnvironmentVariable("EcgBridge__Bench__OruResults"), CultureInfo.InvariantCulture, out int n) ? n : 600;
        await using RecordingHl7Destination his = RecordingHl7Destination.Start();
        await using RunningHost host = await RunningHost.StartAsync(Settings(his));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (int i = 0; i < results; i++)
        {
            // Scored results with their ORU queued, as scoring leaves them (the ORU path, not the model, is under test).
            string key = "oru-run-" + i.ToString(CultureInfo.InvariantCulture);
            await host.Store.RecordScoredAsync(AuditSamples.Scored(key), [Oru(key)], AuditSamples.RiskAssessment("ra-" + key, "Patient/p-oru", null), default);
        }

        await Poll.UntilAsync(() => Task.FromResult(his.Received.Count >= results / 3), Deadline, "the first third");
        await his.PauseAsync();
        his.Resume();
        await Poll.UntilAsync(() => Task.FromResult(his.Received.Count >= 2 * results / 3), Deadline, "the second third");
        await his.PauseAsync();
        his.Resume();
        await Poll.UntilAsync(async () => (await host.Store.GetOutboxBacklogAsync(CancellationToken.None)).Pending == 0, TimeSpan.FromMinutes(10), "every ORU acknowledged");
        clock.Stop();

        List<string> ids = his.ControlIds();
        output.WriteLine($"{results} ORUs through two receiver restarts: {ids.Distinct().Count()} distinct received, {ids.Count - ids.Distinct().Count()} duplicates, {clock.Elapsed.TotalSeconds:F1} s (seeding included)");
        Assert.Equal(results, ids.Distinct().Count());
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task An_AR_answer_is_recorded_and_not_retried()
    {
        await using RecordingHl7Destination his = RecordingHl7Destination.Start();
        his.AnswerCode = "AR";
        await using RunningHost host = await RunningHost.StartAsync(Settings(his));

        await host.SendHl7Async(EcgMessages.Hl7("ORU-AR", "P-AR"));
        await Poll.UntilAsync(async () => (await host.Store.GetOutboxBacklogAsync(CancellationToken.None)).Pending == 0 && his.Received.Count == 1, Deadline, "refused row settled");

        Assert.Single(his.Received);
    }

    private static OutboxItem Oru(string key)
    {
        string controlId = "EB" + Fhir.Outputs.FhirIds.Sha256Hex(key)[..18];
        byte[] message = Hl7v2.Writing.OruResultWriter.Write(new Hl7v2.Writing.OruResult
        {
            ControlId = controlId,
            Timestamp = DateTimeOffset.UtcNow,
            ReceivingApplication = "his",
            PatientId = "p-oru",
            Probability = 0.42,
            RiskCode = "moderate",
            RiskDisplay = "Moderate",
            ModelName = "ecg-smart-net",
            ModelVersion = "1.0.0",
            ModelSha256 = new string('a', 64),
            IntendedUse = "Research.",
        });
        return new OutboxItem(OutboxKinds.Hl7Oru, System.Text.Json.JsonSerializer.Serialize(new Hl7OruDelivery("his", controlId, System.Text.Encoding.UTF8.GetString(message))));
    }

    private static Dictionary<string, string?> Settings(RecordingHl7Destination his) => new()
    {
        ["EcgBridge:Hl7Destinations:his:Url"] = "mllp://127.0.0.1:" + his.Port.ToString(CultureInfo.InvariantCulture),
        ["EcgBridge:Hl7Destinations:his:AckTimeoutSeconds"] = "5",
    };
}

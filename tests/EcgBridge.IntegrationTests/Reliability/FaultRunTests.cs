using System.Diagnostics;
using System.Globalization;
using System.Text;
using EcgBridge.Audit;
using EcgBridge.IntegrationTests.Host;
using EcgBridge.Pipeline.Score;
using Npgsql;
using Xunit.Abstractions;

namespace EcgBridge.IntegrationTests.Reliability;

/// <summary>
/// N HL7 ECGs over MLLP while <c>ecgbridge serve</c> (PostgreSQL + RabbitMQ) is killed -9 twice, RabbitMQ restarts
/// once and PostgreSQL stops for a while; afterwards exactly N results, N RiskAssessments at the EHR, no duplicates,
/// and every message AA'd to its sender was scored. CI runs the small size; tests/reliability/fault-run.sh the full one.
/// </summary>
[Collection(nameof(ServiceFaultGroup))]
public sealed class FaultRunTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Every_message_is_scored_exactly_once_through_kills_a_broker_restart_and_a_database_outage()
    {
        FaultRunSettings run = FaultRunSettings.FromEnvironment();
        string database = "ecgb_fault_" + Guid.NewGuid().ToString("N")[..12];
        await ServiceFaults.AdminAsync($"CREATE DATABASE {database}");
        string connection = new NpgsqlConnectionStringBuilder(TestEnvironment.Postgres) { Database = database }.ConnectionString;
        string prefix = "fault-" + Guid.NewGuid().ToString("N")[..8] + "-";
        string dataDir = Path.Combine(Path.GetTempPath(), "ecgbridge-fault-" + Guid.NewGuid().ToString("N"));
        string log = dataDir + ".log";
        int mllpPort = ServeProcess.FreePort();
        int httpPort = ServeProcess.FreePort();
        await using RecordingEhr ehr = await RecordingEhr.StartAsync();

        // Signed checkpoints on, as a hospital would run it: a key outside the database, a witness folder, four chains.
        string keyFile = dataDir + ".audit-key.pem";
        string witnessDir = dataDir + ".witness";
        await File.WriteAllTextAsync(keyFile, AuditSigningKeys.NewPrivateKeyPem());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var settings = new Dictionary<string, string>
        {
            ["EcgBridge:Audit:SigningKeyPath"] = keyFile,
            ["EcgBridge:Audit:WitnessDirectory"] = witnessDir,
            ["EcgBridge:Audit:ChainCount"] = "4",
            ["EcgBridge:Audit:CheckpointEveryRows"] = "200",
            ["EcgBridge:Audit:ConnectionString"] = connection,
            ["EcgBridge:Audit:PatientIdHashKey"] = "fault-run-key-0123456789",
            ["EcgBridge:Bus:RabbitMq"] = TestEnvironment.RabbitMq,
            ["EcgBridge:Bus:EntityPrefix"] = prefix,
            ["EcgBridge:Bus:OutageRetryIntervalSeconds"] = "2",
            ["EcgBridge:Ehr:BaseUrl"] = ehr.BaseUrl,
            ["EcgBridge:Ehr:RedeliverySeconds"] = "1",
            ["EcgBridge:Ehr:MaxRedeliverySeconds"] = "5",
            ["EcgBridge:Ehr:PollMilliseconds"] = "100",
            ["EcgBridge:Ehr:TimeoutSeconds"] = "5",
            ["EcgBridge:Ehr:LeaseSeconds"] = "20",
        };
        if (run.StandIn.Length > 0)
        {
            settings[StandInEcgScorer.ConfigurationKey] = run.StandIn;
            settings[StandInEcgScorer.EnvironmentKey] = "Test";
        }

        var tally = new FaultRunTally();
        var events = new List<string>();
        var clock = Stopwatch.StartNew();
        using var deadline = new CancellationTokenSource(run.Deadline);
        ServeProcess service = await ServeProcess.StartAsync(dataDir, mllpPort, httpPort, settings, log, TimeSpan.FromMinutes(2));
        try
        {
            int next = -1;
            string runId = Guid.NewGuid().ToString("N")[..6];
            async Task SendAllAsync()
            {
                await using var sender = new FaultSender(service.Mllp, run.AckTimeout, tally);
                for (int i = Interlocked.Increment(ref next); i < run.Messages; i = Interlocked.Increment(ref next))
                {
                    string controlId = $"FR{runId}-{i:D6}";
                    await sender.SendUntilAcceptedAsync(controlId, EcgMessages.Hl7(controlId, "P-" + (i % 97).ToString(CultureInfo.InvariantCulture)), deadline.Token);
                }
            }

            async Task FaultsAsync()
            {
                await UntilAcceptedAsync(tally, run.Messages * 15 / 100, deadline.Token);
                service = await KillAndRestartAsync(service, dataDir, mllpPort, httpPort, settings, log, events, clock);
                await UntilAcceptedAsync(tally, run.Messages * 35 / 100, deadline.Token);
                Mark(events, clock, "RabbitMQ restart begins");
                await ServiceFaults.RunAsync("rabbit-restart");
                Mark(events, clock, "RabbitMQ back");
                await UntilAcceptedAsync(tally, run.Messages * 55 / 100, deadline.Token);
                Mark(events, clock, "PostgreSQL stopped");
                await ServiceFaults.RunAsync("pg-stop");
                await Task.Delay(run.PostgresPause, deadline.Token);
                await ServiceFaults.RunAsync("pg-start");
                Mark(events, clock, "PostgreSQL started");
                await UntilAcceptedAsync(tally, run.Messages * 75 / 100, deadline.Token);
                service = await KillAndRestartAsync(service, dataDir, mllpPort, httpPort, settings, log, events, clock);
            }

            var tasks = new List<Task> { FaultsAsync() };
            for (int s = 0; s < run.Senders; s++)
            {
                tasks.Add(SendAllAsync());
            }

            await Task.WhenAll(tasks);
            TimeSpan sent = clock.Elapsed;
            Mark(events, clock, "every message AA'd");

            FaultRunCounts counts = await Poll.UntilAsync(
                async () =>
                {
                    FaultRunCounts c = await FaultRunCounts.ReadAsync(connection, ehr);
                    return c.ScoredRows >= run.Messages && c.EhrCreates >= run.Messages && c.OutboxPending == 0 ? c : null;
                },
                run.Deadline - clock.Elapsed,
                "every result recorded and delivered");
            TimeSpan done = clock.Elapsed;
            uint errorQueue = await ServiceFaults.QueueDepthAsync(prefix + "ecgbridge-score-ecg_error");
            IReadOnlySet<string> scoredIds = await FaultRunCounts.ScoredMessageIdsAsync(connection);
            int acceptedButLost = tally.AcceptedControlIds.Count(id => !scoredIds.Contains(id));

            // The chains and their signed checkpoints after two kill -9, a broker restart and a database outage.
            await service.StopAsync(TimeSpan.FromSeconds(30));
            Mark(events, clock, "service stopped (SIGTERM: shutdown checkpoint)");
            var verifyClock = Stopwatch.StartNew();
            AuditVerification verification = await VerifyAsync(connection, keyFile, witnessDir, dataDir);
            TimeSpan verifyTime = verifyClock.Elapsed;
            string report = Report(run, tally, counts, events, sent, done, errorQueue, acceptedButLost)
                + VerifyReport(verification, verifyTime);
            output.WriteLine(report);
            if (run.ReportPath is not null)
            {
                await File.WriteAllTextAsync(run.ReportPath, report);
            }

            Assert.Equal(run.Messages, tally.AcceptedMessages);
            Assert.Equal(run.Messages, counts.ScoredRows);
            Assert.Equal(run.Messages, counts.ScoredKeys);
            Assert.Equal(run.Messages, scoredIds.Count);
            Assert.Equal(0, acceptedButLost);
            Assert.Equal(run.Messages, counts.EhrCreates);
            Assert.Equal(run.Messages, counts.RiskAssessmentRows);
            Assert.Equal(0, counts.FailedRows);
            Assert.Equal(0, counts.RejectedRows);
            Assert.Equal(0u, errorQueue);
            Assert.Equal(4, events.Count(e => e.Contains("killed", StringComparison.Ordinal) || e.Contains("RabbitMQ back", StringComparison.Ordinal) || e.Contains("PostgreSQL started", StringComparison.Ordinal)));
            Assert.True(verification.Intact, string.Join("; ", verification.Findings.Select(f => f.Code + " chain " + f.ChainId)));
            Assert.Equal(4, verification.Chains.Count);
            Assert.All(verification.Chains, chain => Assert.True(chain.Checkpoints > 0, "chain " + chain.ChainId + " has no checkpoint"));
            Assert.Equal(counts.AcceptedRows + counts.ScoredRows + counts.DuplicateRows + counts.FailedRows + counts.RejectedRows, verification.Chains.Sum(c => c.Rows));
        }
        finally
        {
            await service.DisposeAsync();
            NpgsqlConnection.ClearAllPools();
            await ServiceFaults.AdminAsync($"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
            TryDelete(dataDir, log);
            TryDelete(witnessDir, keyFile);
            File.Delete(keyFile);
        }
    }

    private static async Task<ServeProcess> KillAndRestartAsync(ServeProcess service, string dataDir, int mllpPort, int httpPort, IReadOnlyDictionary<string, string> settings, string log, List<string> events, Stopwatch clock)
    {
        await service.KillHardAsync();
        Mark(events, clock, $"service pid {service.ProcessId} killed -9");
        await service.DisposeAsync();
        ServeProcess restarted = await ServeProcess.StartAsync(dataDir, mllpPort, httpPort, settings, log, TimeSpan.FromMinutes(2));
        Mark(events, clock, $"service restarted (pid {restarted.ProcessId})");
        return restarted;
    }

    private static async Task UntilAcceptedAsync(FaultRunTally tally, int count, CancellationToken cancellationToken)
    {
        while (tally.AcceptedMessages < count)
        {
            await Task.Delay(20, cancellationToken);
        }
    }

    private static void Mark(List<string> events, Stopwatch clock, string what)
    {
        lock (events)
        {
            events.Add(string.Create(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalSeconds:F1} s: {what}"));
        }
    }

    private static void TryDelete(string dataDir, string log)
    {
        try
        {
            Directory.Delete(dataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task<AuditVerification> VerifyAsync(string connection, string keyFile, string witnessDir, string dataDir)
    {
        var options = new AuditOptions { Provider = AuditProvider.PostgreSql, ConnectionString = connection, SigningKeyPath = keyFile, DataDirectory = dataDir };
        using AuditKeyRing keys = AuditSigningKeys.Load(options, out _);
        return await new AuditVerifier(AuditDatabase.Create(options), keys, new AuditWitness(witnessDir)).VerifyAsync(state: null, default);
    }

    private static string VerifyReport(AuditVerification verification, TimeSpan elapsed)
    {
        var b = new StringBuilder();
        CultureInfo c = CultureInfo.InvariantCulture;
        b.AppendLine();
        b.AppendLine(c, $"Audit verify afterwards (full, {elapsed.TotalSeconds:F1} s): {(verification.Intact ? "intact" : "BROKEN")}, {verification.RowsChecked} rows in {verification.Chains.Count} chains, {verification.Chains.Sum(x => x.Checkpoints)} signed checkpoints (also in the witness folder).");
        foreach (AuditFinding finding in verification.Findings)
        {
            b.AppendLine(c, $"- {finding.Severity} {finding.Code} chain {finding.ChainId}{(finding.Count > 1 ? $" ({finding.Count})" : "")}");
        }

        return b.ToString();
    }

    private static string Report(FaultRunSettings run, FaultRunTally tally, FaultRunCounts counts, List<string> events, TimeSpan sent, TimeSpan done, uint errorQueue, int acceptedButLost)
    {
        var b = new StringBuilder();
        CultureInfo c = CultureInfo.InvariantCulture;
        b.AppendLine(c, $"| figure | value |");
        b.AppendLine("|---|---|");
        b.AppendLine(c, $"| messages N | {run.Messages} |");
        b.AppendLine(c, $"| senders (MLLP connections) | {run.Senders} |");
        b.AppendLine(c, $"| scorer | {(run.StandIn.Length > 0 ? "stand-in " + run.StandIn + " (not the model)" : "ONNX model")} |");
        b.AppendLine(c, $"| PostgreSQL pause | {run.PostgresPause.TotalSeconds:F0} s |");
        b.AppendLine(c, $"| all AA'd after | {sent.TotalSeconds:F1} s |");
        b.AppendLine(c, $"| all scored and delivered after | {done.TotalSeconds:F1} s |");
        b.AppendLine(c, $"| throughput (N / time to all delivered) | {run.Messages / done.TotalSeconds:F1} msg/s |");
        b.AppendLine(c, $"| send attempts | {tally.Attempts} |");
        b.AppendLine(c, $"| resends | {tally.Resends} |");
        b.AppendLine(c, $"| answers other than AA (AE) | {tally.NonAaAnswers} |");
        b.AppendLine(c, $"| ACK timeouts | {tally.Timeouts} |");
        b.AppendLine(c, $"| connections lost / refused | {tally.ConnectionsLost} |");
        b.AppendLine(c, $"| messages AA'd (at least once) | {tally.AcceptedMessages} |");
        b.AppendLine(c, $"| AA'd but not scored (lost) | {acceptedButLost} |");
        b.AppendLine(c, $"| audit rows accepted / scored / duplicate / failed / rejected | {counts.AcceptedRows} / {counts.ScoredRows} / {counts.DuplicateRows} / {counts.FailedRows} / {counts.RejectedRows} |");
        b.AppendLine(c, $"| distinct dedupe keys scored | {counts.ScoredKeys} |");
        b.AppendLine(c, $"| risk_assessment rows | {counts.RiskAssessmentRows} |");
        b.AppendLine(c, $"| EHR: RiskAssessments created / POSTs received | {counts.EhrCreates} / {counts.EhrPosts} |");
        b.AppendLine(c, $"| outbox pending / failed | {counts.OutboxPending} / {counts.OutboxFailed} |");
        b.AppendLine(c, $"| error queue depth | {errorQueue} |");
        b.AppendLine();
        b.AppendLine("Events:");
        foreach (string e in events)
        {
            b.AppendLine("- " + e);
        }

        return b.ToString();
    }
}

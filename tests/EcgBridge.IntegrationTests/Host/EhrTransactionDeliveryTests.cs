using EcgBridge.Core.Audit;
using EcgBridge.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;

namespace EcgBridge.IntegrationTests.Host;

/// <summary>
/// Results to the EHR as a transaction of conditional creates (Device + RiskAssessment + Provenance), and the EHR's
/// refusals: 412 (a condition matched several resources) and 422 (invalid) are recorded with their code and not
/// retried; 409 is retried until the EHR takes it. The recording EHR validates what it receives with Firely's validator.
/// </summary>
public sealed class EhrTransactionDeliveryTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Two_results_of_one_model_create_one_Device_two_RiskAssessments_two_Provenances_and_a_redelivery_nothing()
    {
        await using RecordingEhr ehr = await RecordingEhr.StartAsync();
        await using RunningHost host = await StartAsync(ehr);

        await host.SendHl7Async(EcgMessages.Hl7("TX-1", "P-TX-1"));
        await host.SendHl7Async(EcgMessages.Hl7("TX-2", "P-TX-2"));
        await Poll.UntilAsync(() => Task.FromResult(ehr.Transactions == 2), Deadline, "two transactions at the EHR");

        Assert.Equal((2, 1, 0), (ehr.Creates, ehr.Devices, ehr.Invalid));
        foreach (string message in new[] { "TX-1", "TX-2" })
        {
            string id = (await host.AuditAsync(new AuditFilter { MessageId = message })).First(r => r.Outcome == AuditOutcome.Scored).RiskAssessmentId!;
            Assert.NotNull(ehr.Find(id));
            Assert.NotNull(ehr.FindProvenance(id));
        }
    }

    [Theory]
    [InlineData(StatusCodes.Status412PreconditionFailed, HostCodes.EhrConditionAmbiguous)]
    [InlineData(StatusCodes.Status422UnprocessableEntity, HostCodes.EhrResourceInvalid)]
    public async Task A_refusal_that_retrying_cannot_fix_is_recorded_with_its_code_and_not_retried(int status, string code)
    {
        await using RecordingEhr ehr = await RecordingEhr.StartAsync();
        ehr.FailNext(1, status);
        await using RunningHost host = await StartAsync(ehr);

        await host.SendHl7Async(EcgMessages.Hl7("TX-NO-" + status, "P-TX-NO"));
        string failed = await Poll.UntilAsync(() => FailedRowAsync(host.DataDir), Deadline, "the refused row");

        Assert.Equal($"{code} {status}", failed);
        Assert.Equal(1, ehr.Posts);
        Assert.Equal(0, ehr.Creates);
    }

    [Fact]
    public async Task A_conflict_is_retried_until_the_EHR_takes_the_transaction()
    {
        await using RecordingEhr ehr = await RecordingEhr.StartAsync();
        ehr.FailNext(2, StatusCodes.Status409Conflict);
        await using RunningHost host = await StartAsync(ehr);

        await host.SendHl7Async(EcgMessages.Hl7("TX-409", "P-TX-409"));
        await Poll.UntilAsync(() => Task.FromResult(ehr.Transactions == 1), Deadline, "the transaction after two conflicts");

        Assert.Equal(3, ehr.Posts);
        Assert.Equal(1, ehr.Creates);
    }

    [Fact]
    public async Task An_EHR_without_transactions_gets_the_RiskAssessment_alone()
    {
        await using RecordingEhr ehr = await RecordingEhr.StartAsync();
        await using RunningHost host = await StartAsync(ehr, ("EcgBridge:Ehr:DeliverAs", "resource"));

        await host.SendHl7Async(EcgMessages.Hl7("TX-RA", "P-TX-RA"));
        await Poll.UntilAsync(() => Task.FromResult(ehr.Creates == 1), Deadline, "the RiskAssessment");

        Assert.Equal((0, 0, 0), (ehr.Transactions, ehr.Devices, ehr.Invalid));
    }

    private static Task<RunningHost> StartAsync(RecordingEhr ehr, params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?> { ["EcgBridge:Ehr:BaseUrl"] = ehr.BaseUrl, ["EcgBridge:Ehr:RetryAttempts"] = "1" };
        foreach ((string key, string value) in more)
        {
            settings[key] = value;
        }

        return RunningHost.StartAsync(settings);
    }

    /// <summary>"code status" of the failed EHR outbox row, or null while there is none.</summary>
    private static async Task<string?> FailedRowAsync(string dataDir)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDir, "audit.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT last_error_code, last_http_status FROM outbox WHERE kind = 'ehr-riskassessment' AND status = 'failed'";
        await using SqliteDataReader reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? $"{(reader.IsDBNull(0) ? "" : reader.GetString(0))} {(reader.IsDBNull(1) ? "" : reader.GetInt64(1))}" : null;
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using EcgBridge.Core;
using EcgBridge.Core.Pipeline;
using EcgBridge.Fhir.Outputs;
using EcgBridge.Fhir.Serialization;
using EcgBridge.IntegrationTests.Host;
using Hl7.Fhir.Model;
using Npgsql;
using RabbitMQ.Client;
using Task = System.Threading.Tasks.Task;

namespace EcgBridge.IntegrationTests.Telemetry;

/// <summary>
/// Sends marker PHI (names, MRN, birth date, address, waveform values) through every entry path of a service on real
/// PostgreSQL and RabbitMQ — accepted and rejected HL7 v2 over MLLP and AMQP, accepted and rejected FHIR, a FHIR
/// search by subject, and a message that ends in the RabbitMQ error queue — and asserts that no captured log line, span or
/// metric point, nor any header of the error-queue message, carries any marker.
/// </summary>
public sealed class PhiCanaryTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private readonly TelemetryCapture _capture = new();
    private readonly string _prefix = "canary-" + Guid.NewGuid().ToString("N")[..8] + "-";
    private string _database = "";
    private RecordingEhr _ehr = null!;
    private RunningHost? _host;

    public async Task InitializeAsync()
    {
        _database = "ecgb_canary_" + Guid.NewGuid().ToString("N");
        await using (var admin = new NpgsqlConnection(TestEnvironment.Postgres))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {_database}", admin);
            await create.ExecuteNonQueryAsync();
        }

        var connection = new NpgsqlConnectionStringBuilder(TestEnvironment.Postgres) { Database = _database };
        _ehr = await RecordingEhr.StartAsync();
        _host = await RunningHost.StartAsync(
            new Dictionary<string, string?>
            {
                ["EcgBridge:Audit:ConnectionString"] = connection.ConnectionString,
                ["EcgBridge:Audit:PatientIdHashKey"] = "canary-test-key-0123456789abcdef",
                ["EcgBridge:Bus:RabbitMq"] = TestEnvironment.RabbitMq,
                ["EcgBridge:Bus:EntityPrefix"] = _prefix,
                ["EcgBridge:Bus:RetryLimit"] = "1",
                ["EcgBridge:Bus:RetryIntervalMilliseconds"] = "50",
                ["EcgBridge:Ehr:BaseUrl"] = _ehr.BaseUrl,
                ["EcgBridge:Telemetry:Enabled"] = "true",
                ["EcgBridge:Telemetry:SampleSeconds"] = "1",
            },
            configure: _capture.Attach);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await _ehr.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(TestEnvironment.Postgres);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task No_marker_PHI_reaches_logs_spans_metrics_or_error_queue_headers()
    {
        RunningHost host = _host!;
        string run = Guid.NewGuid().ToString("N")[..8];

        // HL7 v2 over MLLP: accepted, refused by the decoder (a name where a sample belongs), refused by the quality gate.
        Ack accepted = await host.SendHl7Async(MarkerHl7(MarkerRecording(), "CANARY-OK-" + run));
        Assert.Equal("AA", accepted.Code);
        byte[] undecodable = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(MarkerHl7(MarkerRecording(), "CANARY-DEC-" + run))
            .Replace("^" + PhiMarkers.SampleText + "^", "^" + PhiMarkers.SampleText + "^" + PhiMarkers.GivenName + "^", StringComparison.Ordinal));
        Assert.Contains((await host.SendHl7Async(undecodable)).Code, (string[])["AE", "AR"]);
        Ack flat = await host.SendHl7Async(MarkerHl7(MarkerRecording(flatLead: Lead.V1), "CANARY-QG-" + run));
        Assert.Contains(flat.Code, (string[])["AE", "AR"]);

        // FHIR REST: accepted, refused by the quality gate, refused by the parser (wrong types, marker values), a search.
        Assert.Equal(HttpStatusCode.Accepted, (await PostFhirAsync(host, MarkerObservationJson(MarkerRecording(), "canary-ok-" + run))).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await PostFhirAsync(host, MarkerObservationJson(MarkerRecording(flatLead: Lead.V2), "canary-qg-" + run))).StatusCode);
        string broken = "{\"resourceType\":\"Observation\",\"status\":\"final\",\"subject\":{\"reference\":\"Patient/" + PhiMarkers.Mrn
            + "\",\"display\":\"" + PhiMarkers.FamilyName + "\"},\"effectiveDateTime\":\"" + PhiMarkers.BirthDateIso + "-" + PhiMarkers.City
            + "\",\"valueQuantity\":{\"value\":\"" + PhiMarkers.SampleText + "\"}}";
        HttpResponseMessage parseRejected = await PostFhirAsync(host, broken);
        Assert.True(parseRejected.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity, parseRejected.StatusCode.ToString());

        // Raw HL7 v2 over AMQP (the ingest exchange): accepted, and refused by the quality gate.
        Assert.Equal("AA", await SendOverAmqpAsync(MarkerHl7(MarkerRecording(), "CANARY-AMQP-" + run)));
        Assert.Contains(await SendOverAmqpAsync(MarkerHl7(MarkerRecording(flatLead: Lead.V4), "CANARY-AMQP-QG-" + run)), (string[])["AE", "AR"]);

        // The three accepted ECGs scored, recorded and delivered to the EHR: every step has run.
        await Poll.UntilAsync(() => Task.FromResult(_ehr.Creates >= 3), Wait, "three RiskAssessments at the EHR");
        HttpResponseMessage search = await host.Http.GetAsync(new Uri("fhir/RiskAssessment?subject=Patient/" + PhiMarkers.Mrn, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        Assert.Contains(PhiMarkers.Mrn, await search.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        HttpResponseMessage byPath = await host.Http.GetAsync(new Uri("fhir/RiskAssessment/" + PhiMarkers.Mrn + "?birthdate=" + PhiMarkers.BirthDateIso, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, byPath.StatusCode);

        // A ScoreEcg from a producer on another contract version (no dedupe key): the consumer cannot process it, so
        // it ends in the error queue with MassTransit's fault headers; its body is the marker HL7 message.
        IReadOnlyDictionary<string, object?> errorHeaders = await SendUnprocessableAndReadErrorHeadersAsync(MarkerHl7(MarkerRecording(), "CANARY-ERR-" + run));
        Assert.Contains(errorHeaders.Keys, key => key.StartsWith("MT-Fault", StringComparison.Ordinal));
        var headerSightings = new List<string>();
        foreach ((string key, object? value) in errorHeaders)
        {
            string text = key + "=" + TelemetryCapture.Flatten(value);
            headerSightings.AddRange(PhiMarkers.All.Where(m => text.Contains(m, StringComparison.OrdinalIgnoreCase)).Select(m => m + " in header " + text));
        }

        Assert.Empty(headerSightings);

        // Stopping the host flushes the meter provider (final collection) and ends every span.
        await host.DisposeAsync();
        _host = null;
        Assert.True(_capture.LogCount > 0, "no log line was captured");
        Assert.Contains(_capture.Activities, a => a.DisplayName == "ingest hl7v2" && a.GetTagItem("ecgbridge.channel") is "amqp");
        Assert.Contains(_capture.Activities, a => a.DisplayName == "inference batch");
        Assert.Contains(_capture.Activities, a => a.DisplayName == "outbox deliver");
        Assert.Contains(_capture.Activities, a => a.Source.Name == "MassTransit");
        Assert.Contains(_capture.Activities, a => a.Source.Name == "Microsoft.AspNetCore" && a.GetTagItem("http.route") is "fhir/RiskAssessment" or "/fhir/RiskAssessment");
        Assert.Contains(_capture.Metrics, m => m.Name == "ecgbridge.messages.rejected");
        Assert.Contains(_capture.Metrics, m => m.Name == "ecgbridge.inference.batch.size");
        Assert.Contains(_capture.Metrics, m => m.Name == "ecgbridge.outbox.pending");
        if (Environment.GetEnvironmentVariable("CANARY_DUMP") is { Length: > 0 } dump)
        {
            File.WriteAllLines(dump, _capture.Texts().Concat(errorHeaders.Select(h => "header: " + h.Key + "=" + TelemetryCapture.Flatten(h.Value))));
        }

        Assert.Empty(_capture.Sightings(PhiMarkers.All));
    }

    private static EcgRecording MarkerRecording(Lead? flatLead = null)
    {
        EcgRecording source = flatLead is { } flat ? EcgMessages.WithFlatLead(PhiMarkers.Mrn, flat) : EcgMessages.Recording(PhiMarkers.Mrn);
        var leads = new List<LeadSignal>();
        foreach (LeadSignal lead in source.Leads)
        {
            if (lead.Lead == Lead.V3)
            {
                double[] samples = (double[])lead.Samples.Clone();
                samples.AsSpan(100, 5).Fill(PhiMarkers.SampleValue);
                leads.Add(new LeadSignal(lead.Lead, samples));
            }
            else
            {
                leads.Add(lead);
            }
        }

        return new EcgRecording(leads, source.SampleRateHz) { AcquisitionTime = source.AcquisitionTime, Source = source.Source };
    }

    /// <summary>The PCD-01 message with a full marker PID: MRN, name, birth date, sex, address.</summary>
    private static byte[] MarkerHl7(EcgRecording recording, string controlId)
    {
        string message = Encoding.UTF8.GetString(EcgMessages.Hl7(recording, controlId));
        string pid = "PID|1||" + PhiMarkers.Mrn + "^^^urn:test:mrn||" + PhiMarkers.FamilyName + "^" + PhiMarkers.GivenName + "||"
            + PhiMarkers.BirthDateHl7 + "|F|||" + PhiMarkers.Street + "^^" + PhiMarkers.City + "^^90210";
        string[] segments = message.Split('\r');
        int index = Array.FindIndex(segments, s => s.StartsWith("PID|", StringComparison.Ordinal));
        Assert.True(index > 0, "the writer wrote no PID");
        segments[index] = pid;
        string marked = string.Join('\r', segments);
        Assert.Contains("^" + PhiMarkers.SampleText + "^", marked, StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(marked);
    }

    private static string MarkerObservationJson(EcgRecording recording, string identifier)
    {
        // Full-precision decimals in SampledData.data, so the marker sample travels as written.
        Observation observation = EcgObservationBuilder.Build(recording, new EcgObservationOptions { ResolutionMillivolts = null });
        observation.Id = null;
        observation.Identifier = [new Identifier("urn:test:ecg", identifier)];
        observation.Subject = new ResourceReference("Patient/" + PhiMarkers.Mrn) { Display = PhiMarkers.FamilyName + ", " + PhiMarkers.GivenName };
        observation.Note = [new Annotation { Text = new Markdown("born " + PhiMarkers.BirthDateIso + ", lives at " + PhiMarkers.Street + ", " + PhiMarkers.City) }];
        string json = FhirSerializer.ToJson(observation);
        Assert.Contains(PhiMarkers.SampleText, json, StringComparison.Ordinal);
        return json;
    }

    private static async Task<HttpResponseMessage> PostFhirAsync(RunningHost host, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/fhir+json");
        return await host.Http.PostAsync(new Uri("fhir/Observation", UriKind.Relative), content);
    }

    /// <summary>Publishes to the AMQP ingest exchange and returns the answer code of the reply (AA, AE, AR).</summary>
    private async Task<string> SendOverAmqpAsync(byte[] hl7)
    {
        var factory = new ConnectionFactory { Uri = new Uri(TestEnvironment.RabbitMq) };
        string ingest = _prefix + "ecgbridge.ingest";
        await Poll.UntilAsync(
            async () =>
            {
                try
                {
                    await using IConnection probeConnection = await factory.CreateConnectionAsync();
                    await using IChannel probe = await probeConnection.CreateChannelAsync();
                    return (await probe.QueueDeclarePassiveAsync(ingest)).ConsumerCount > 0;
                }
                catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
                {
                    return false;
                }
            },
            Wait,
            "the AMQP ingest consumer");
        await using IConnection connection = await factory.CreateConnectionAsync();
        await using IChannel channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        string replies = (await channel.QueueDeclareAsync()).QueueName;
        var properties = new BasicProperties
        {
            ContentType = IngestContentTypes.Hl7v2,
            CorrelationId = Guid.NewGuid().ToString("N"),
            ReplyTo = replies,
            DeliveryMode = DeliveryModes.Persistent,
        };
        await channel.BasicPublishAsync(ingest, "ecg", mandatory: true, properties, hl7);
        BasicGetResult reply = await Poll.UntilAsync(async () => await channel.BasicGetAsync(replies, autoAck: true), Wait, "the AMQP answer");
        IDictionary<string, object?> headers = reply.BasicProperties.Headers ?? new Dictionary<string, object?>();
        foreach ((string key, object? value) in headers)
        {
            string text = key + "=" + TelemetryCapture.Flatten(value);
            Assert.DoesNotContain(PhiMarkers.All, m => text.Contains(m, StringComparison.OrdinalIgnoreCase));
        }

        return headers.TryGetValue("ecgbridge-answer", out object? answer) ? TelemetryCapture.Flatten(answer) : "";
    }

    private async Task<IReadOnlyDictionary<string, object?>> SendUnprocessableAndReadErrorHeadersAsync(byte[] hl7)
    {
        string queue = _prefix + "ecgbridge-score-ecg";
        var factory = new ConnectionFactory { Uri = new Uri(TestEnvironment.RabbitMq) };
        await using IConnection connection = await factory.CreateConnectionAsync();
        await using IChannel channel = await connection.CreateChannelAsync();
        var envelope = new
        {
            messageId = Guid.NewGuid(),
            messageType = new[] { "urn:message:EcgBridge.Core.Pipeline:ScoreEcg" },
            destinationAddress = "queue:" + queue,
            sentTime = DateTimeOffset.UtcNow,
            message = new
            {
                channel = IngestChannels.Amqp,
                receivedAt = DateTimeOffset.UtcNow,
                contentType = IngestContentTypes.Hl7v2,
                payload = hl7,
            },
        };
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(envelope);
        var properties = new BasicProperties { ContentType = "application/vnd.masstransit+json", Persistent = true, MessageId = Guid.NewGuid().ToString() };
        await channel.BasicPublishAsync(queue, "", mandatory: false, properties, body);

        BasicGetResult fault = await Poll.UntilAsync(() => TryGetAsync(factory, queue + "_error"), Wait, "the ScoreEcg in " + queue + "_error");
        var headers = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach ((string key, object? value) in fault.BasicProperties.Headers ?? new Dictionary<string, object?>())
        {
            headers[key] = value;
        }

        return headers;
    }

    /// <summary>
    /// One message from <paramref name="queue"/>, or null while it is empty, not yet declared (MassTransit declares it
    /// at the first fault) or a quorum queue still starting (the broker then closes the connection: hence one per try).
    /// </summary>
    private static async Task<BasicGetResult?> TryGetAsync(ConnectionFactory factory, string queue)
    {
        try
        {
            await using IConnection connection = await factory.CreateConnectionAsync();
            await using IChannel channel = await connection.CreateChannelAsync();
            return await channel.BasicGetAsync(queue, autoAck: true);
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return null;
        }
    }
}

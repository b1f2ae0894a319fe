using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Text;
using EcgBridge.Core;
using EcgBridge.Core.Issues;
using EcgBridge.Hl7v2.Mllp;
using EcgBridge.Simulator;
using EcgBridge.Wfdb;

namespace EcgBridge.Cli.Tests.Commands;

[Collection(CliRunner.CollectionName)]
public sealed class SimulateCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ecgbridge-simulate-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("--count", "-1", SimulatorCodes.CountNegative)]
    [InlineData("--omi-fraction", "1.5", SimulatorCodes.FractionOutOfRange)]
    [InlineData("--omi-fraction", "-0.1", SimulatorCodes.FractionOutOfRange)]
    [InlineData("--rate-hz", "99", SimulatorCodes.RateTooLow)]
    [InlineData("--messages-per-second", "0", SimulatorCodes.RateLimitInvalid)]
    public async Task Refuses_impossible_parameters_with_exit_2_naming_the_code(string option, string value, string code)
    {
        CliResult result = await CliRunner.RunAsync("simulate", "--format", "hl7", "--out", _folder, option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(result.ErrorLines, line => line.StartsWith("error:", StringComparison.Ordinal) && line.Contains(code, StringComparison.Ordinal));
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public async Task Needs_exactly_one_destination()
    {
        Assert.Equal(2, (await CliRunner.RunAsync("simulate", "--format", "hl7")).ExitCode);
        Assert.Equal(2, (await CliRunner.RunAsync("simulate", "--format", "hl7", "--out", _folder, "--to", "mllp://localhost:2575")).ExitCode);
    }

    [Fact]
    public async Task Refuses_a_receiver_that_does_not_speak_the_format()
    {
        CliResult result = await CliRunner.RunAsync("simulate", "--format", "wfdb", "--to", "mllp://localhost:2575");

        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public async Task Writes_HL7_files_and_labels_csv_with_the_requested_share_of_occlusions()
    {
        CliResult result = await CliRunner.RunAsync("simulate", "--count", "4", "--omi-fraction", "0.5", "--seed", "9", "--format", "hl7", "--out", _folder);

        Assert.Equal(0, result.ExitCode);
        string[] labels = await File.ReadAllLinesAsync(Path.Combine(_folder, "labels.csv"));
        Assert.Equal("file,label,territory,severity,finding", labels[0]);
        Assert.Equal(5, labels.Length);
        Assert.Equal(2, labels.Skip(1).Count(line => line.Split(',')[1] == "1"));
        foreach (string line in labels.Skip(1))
        {
            Assert.True(File.Exists(Path.Combine(_folder, line.Split(',')[0])));
        }

        string message = await File.ReadAllTextAsync(Path.Combine(_folder, "sim-00000.hl7"));
        Assert.StartsWith("MSH|^~\\&|ECGBRIDGE-SIM|", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writes_WFDB_records_at_the_requested_rate()
    {
        CliResult result = await CliRunner.RunAsync("simulate", "--count", "2", "--rate-hz", "250", "--format", "wfdb", "--out", _folder);

        Assert.Equal(0, result.ExitCode);
        var issues = new IssueList();
        Assert.True(WfdbRecordReader.TryRead(Path.Combine(_folder, "sim-00001.hea"), issues, out EcgRecording? recording));
        Assert.Equal(250, recording!.SampleRateHz);
        Assert.Equal(2500, recording.SampleCount);
        Assert.Equal(12, recording.Leads.Count);
    }

    [Fact]
    public async Task Same_seed_writes_identical_files()
    {
        string first = Path.Combine(_folder, "a");
        string second = Path.Combine(_folder, "b");

        await CliRunner.RunAsync("simulate", "--count", "2", "--seed", "3", "--format", "fhir", "--out", first);
        await CliRunner.RunAsync("simulate", "--count", "2", "--seed", "3", "--format", "fhir", "--out", second);

        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(first, "sim-00001.json")), await File.ReadAllBytesAsync(Path.Combine(second, "sim-00001.json")));
    }

    [Fact]
    public async Task Sends_over_MLLP_and_counts_the_acknowledgements()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        Task<int> receiver = AcknowledgeAsync(listener, 3);

        CliResult result = await CliRunner.RunAsync("simulate", "--count", "3", "--format", "hl7", "--to", $"mllp://127.0.0.1:{port}");

        Assert.Equal(3, await receiver);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("sent 3 of 3, acknowledged 3, rejected 0, failed 0", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retries_with_backoff_and_reports_what_was_sent_when_nobody_listens()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        CliResult result = await CliRunner.RunAsync("simulate", "--count", "2", "--format", "hl7", "--to", $"mllp://127.0.0.1:{port}", "--retries", "2");

        Assert.Equal(5, result.ExitCode);
        Assert.Contains(result.ErrorLines, line => line.StartsWith("warning: retry 1/1", StringComparison.Ordinal));
        Assert.Contains("sent 0 of 2, acknowledged 0, rejected 0, failed 1", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Posts_FHIR_Observations_and_counts_created_as_acknowledged()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        using var server = new HttpListener();
        server.Prefixes.Add($"http://127.0.0.1:{port}/fhir/");
        server.Start();
        Task<List<string>> receiver = AcceptObservationsAsync(server, 2);

        CliResult result = await CliRunner.RunAsync("simulate", "--count", "2", "--format", "fhir", "--to", $"http://127.0.0.1:{port}/fhir");

        List<string> requests = await receiver;
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["POST /fhir/Observation application/fhir+json", "POST /fhir/Observation application/fhir+json"], requests);
        Assert.Contains("sent 2 of 2, acknowledged 2, rejected 0, failed 0", result.Out, StringComparison.Ordinal);
    }

    private static async Task<List<string>> AcceptObservationsAsync(HttpListener server, int expected)
    {
        var requests = new List<string>();
        while (requests.Count < expected)
        {
            HttpListenerContext context = await server.GetContextAsync();
            using (var body = new StreamReader(context.Request.InputStream))
            {
                string json = await body.ReadToEndAsync();
                Assert.Contains("\"resourceType\":\"Observation\"", json, StringComparison.Ordinal);
            }

            requests.Add($"{context.Request.HttpMethod} {context.Request.Url!.AbsolutePath} {context.Request.ContentType}");
            context.Response.StatusCode = 201;
            context.Response.Close();
        }

        return requests;
    }

    private static async Task<int> AcknowledgeAsync(TcpListener listener, int expected)
    {
        using TcpClient client = await listener.AcceptTcpClientAsync();
        NetworkStream stream = client.GetStream();
        PipeReader reader = PipeReader.Create(stream);
        var frames = new MllpFrameReader();
        int received = 0;
        while (received < expected)
        {
            MllpReadResult read = await frames.ReadFrameAsync(reader, CancellationToken.None);
            if (read.Status != MllpReadStatus.Frame)
            {
                break;
            }

            string message = Encoding.UTF8.GetString(read.Frame.Span);
            string controlId = message.Split('\r')[0].Split('|')[9];
            byte[] ack = Encoding.UTF8.GetBytes($"MSH|^~\\&|EcgBridge||ECGBRIDGE-SIM||20260101000000||ACK^R01^ACK|A{received}|P|2.6\rMSA|AA|{controlId}\r");
            await stream.WriteAsync(MllpFrameWriter.Frame(ack));
            received++;
        }

        return received;
    }
}

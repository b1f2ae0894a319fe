using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EcgBridge.Core;
using EcgBridge.Core.Audit;
using EcgBridge.TestSupport;
using EcgBridge.TestSupport.Formats;

namespace EcgBridge.IntegrationTests.Host;

/// <summary>
/// The same vendor ECG file arriving by every route a hospital uses — a watched folder, HL7 v2 OBX ED over MLLP, a FHIR
/// DocumentReference attachment, the CLI — gives the same tensor, bit for bit (issue 14).
/// </summary>
public sealed class VendorFileRoutesTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ecgb-routes-" + Guid.NewGuid().ToString("N")[..8]);
    private byte[] _muse = [];

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        EcgRecording real = RealRecords.Load(RealRecords.Hr06000);
        _muse = MuseXmlWriter.Write(MuseXmlWriter.Quantize(real, 4.88), real.SampleRateHz, patientId: "MUSE-PAT-1");
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_MUSE_file_by_folder_HL7_ED_FHIR_attachment_and_CLI_gives_one_bit_identical_tensor()
    {
        string inbox = Path.Combine(_root, "inbox");
        string results = Path.Combine(_root, "results");
        await using RunningHost host = await RunningHost.StartAsync(new Dictionary<string, string?>
        {
            ["EcgBridge:Folders:muse:Path"] = inbox,
            ["EcgBridge:Folders:muse:Pattern"] = "*.xml",
            ["EcgBridge:Folders:muse:PollSeconds"] = "0.2",
            ["EcgBridge:Folders:muse:SettleSeconds"] = "0",
            ["EcgBridge:Folders:muse:ResultsPath"] = results,
        });
        host.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Full());

        // Folder: written under a temporary name, then renamed in (what export tools do).
        Directory.CreateDirectory(inbox);
        await File.WriteAllBytesAsync(Path.Combine(inbox, "ecg1.xml.part"), _muse);
        File.Move(Path.Combine(inbox, "ecg1.xml.part"), Path.Combine(inbox, "ecg1.xml"));
        // HL7 v2 ORU^R01 with the file in OBX-5 as Base64.
        Ack ack = await host.SendHl7Async(EdMessage("ED-1", Convert.ToBase64String(_muse)));
        // FHIR DocumentReference with the file inline.
        using var content = new StringContent(DocumentReference("doc-1", Convert.ToBase64String(_muse)), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/fhir+json");
        using HttpResponseMessage created = await host.Http.PostAsync(new Uri("fhir/DocumentReference", UriKind.Relative), content);

        Assert.Equal("AA", ack.Code);
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        IReadOnlyList<AuditEntry> scored = await Poll.UntilAsync(
            async () =>
            {
                var rows = (await host.Store.SearchAuditAsync(new AuditFilter { Outcome = AuditOutcome.Scored }, 0, 10, CancellationToken.None)).Items;
                return rows.Count >= 3 ? rows : null;
            },
            Deadline,
            "three scored rows");
        Assert.Single(scored.Select(r => r.TensorSha256).Distinct());
        Assert.Equal([AuditChannel.Mllp, AuditChannel.Fhir, AuditChannel.Folder], scored.Select(r => r.Channel).Order());
        await Poll.UntilAsync(() => Task.FromResult(File.Exists(Path.Combine(inbox, "done", "ecg1.xml"))), Deadline, "file moved to done/");
        await Poll.UntilAsync(() => Task.FromResult(Directory.Exists(results) && Directory.GetFiles(results, "RiskAssessment-*.json").Length == 1), Deadline, "result file");

        // CLI: the same file normalized by the command line gives the same float32 bytes.
        string file = Path.Combine(_root, "ecg1.xml");
        string tensorFile = Path.Combine(_root, "ecg1.f32");
        await File.WriteAllBytesAsync(file, _muse);
        (int exit, _, string error) = await CliProcess.RunAsync("normalize", file, "--out", tensorFile);
        Assert.True(exit == 0, error);
        Assert.Equal(scored[0].TensorSha256, Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(tensorFile))));
    }

    [Fact]
    public async Task The_folder_rejects_a_broken_file_to_error_with_codes_and_takes_a_second_copy_of_a_file_as_a_duplicate()
    {
        string inbox = Path.Combine(_root, "inbox2");
        await using RunningHost host = await RunningHost.StartAsync(new Dictionary<string, string?>
        {
            ["EcgBridge:Folders:carts:Path"] = inbox,
            ["EcgBridge:Folders:carts:PollSeconds"] = "0.2",
            ["EcgBridge:Folders:carts:SettleSeconds"] = "0",
            ["EcgBridge:Folders:carts:MaxFileBytes"] = "1048576",
        });
        Directory.CreateDirectory(inbox);
        byte[] broken = Encoding.Latin1.GetBytes(Encoding.Latin1.GetString(_muse).Replace("MICROVOLTS", "FURLONGS", StringComparison.Ordinal));

        await File.WriteAllBytesAsync(Path.Combine(inbox, "a.xml"), _muse);
        await Poll.UntilAsync(() => Task.FromResult(File.Exists(Path.Combine(inbox, "done", "a.xml"))), Deadline, "a.xml done");
        await File.WriteAllBytesAsync(Path.Combine(inbox, "a-again.xml"), _muse);
        await File.WriteAllBytesAsync(Path.Combine(inbox, "broken.xml"), broken);
        await File.WriteAllBytesAsync(Path.Combine(inbox, "huge.xml"), new byte[2 * 1024 * 1024]);
        await Poll.UntilAsync(
            () => Task.FromResult(File.Exists(Path.Combine(inbox, "done", "a-again.xml")) && File.Exists(Path.Combine(inbox, "error", "broken.xml")) && File.Exists(Path.Combine(inbox, "error", "huge.xml"))),
            Deadline,
            "files finished");

        using JsonDocument sidecar = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(inbox, "error", "broken.xml.codes.json")));
        Assert.Contains(sidecar.RootElement.GetProperty("codes").EnumerateArray(), c => c.GetString()!.StartsWith("MUSE-UNITS-UNKNOWN", StringComparison.Ordinal));
        using JsonDocument huge = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(inbox, "error", "huge.xml.codes.json")));
        Assert.Contains(huge.RootElement.GetProperty("codes").EnumerateArray(), c => c.GetString()!.StartsWith("FOLDER-FILE-TOO-LARGE", StringComparison.Ordinal));
        IReadOnlyList<AuditEntry> rows = await Poll.UntilAsync(
            async () =>
            {
                IReadOnlyList<AuditEntry> all = (await host.Store.SearchAuditAsync(new AuditFilter(), 0, 20, CancellationToken.None)).Items;
                return all.Any(r => r.Outcome == AuditOutcome.Scored) ? all : null;
            },
            Deadline,
            "the first file scored");
        Assert.Single(rows, r => r.Outcome == AuditOutcome.Scored);
        Assert.Single(rows, r => r.Outcome == AuditOutcome.Duplicate);
        Assert.Equal(2, rows.Count(r => r.Outcome == AuditOutcome.Rejected));
    }

    [Fact]
    public async Task Corrupt_base64_in_OBX_ED_is_answered_AE_naming_the_OBX()
    {
        await using RunningHost host = await RunningHost.StartAsync(new Dictionary<string, string?>());

        Ack ack = await host.SendHl7Async(EdMessage("ED-BAD", Convert.ToBase64String(_muse)[..1001] + "!!"));

        Assert.Equal("AE", ack.Code);
        Assert.True(ack.MentionsCode("HL7-ED-DATA-INVALID"));
    }

    private static byte[] EdMessage(string controlId, string base64) => Encoding.UTF8.GetBytes(
        $"MSH|^~\\&|MUSE|HOSP|ECGBRIDGE|HOSP|20261130140600||ORU^R01|{controlId}|P|2.5.1\r"
        + "PID|1||MUSE-PAT-1^^^HOSP||TEST^PATIENT\r"
        + "OBR|1|ORD-77||93000^ECG 12 lead^CPT|||20261130140509\r"
        + $"OBX|1|ED|MUSEXML^GE MUSE XML^L||MUSE^Application^XML^Base64^{base64}||||||F\r");

    private static string DocumentReference(string id, string base64) =>
        "{\"resourceType\":\"DocumentReference\",\"status\":\"current\",\"identifier\":[{\"system\":\"urn:test:doc\",\"value\":\"" + id + "\"}],"
        + "\"subject\":{\"reference\":\"Patient/MUSE-PAT-1\"},\"content\":[{\"attachment\":{\"contentType\":\"application/xml\",\"data\":\"" + base64 + "\"}}]}";
}

using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using EcgBridge.Host.Security;

namespace EcgBridge.IntegrationTests.Host.Mllp;

/// <summary>MLLP over TLS against a real TLS client (SslStream) and certificates generated in the test.</summary>
public sealed class MllpTlsTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ecgbridge-tls-" + Guid.NewGuid().ToString("N"));
    private readonly X509Certificate2 _server = TestCertificates.Server();

    [Fact]
    public async Task HL7_over_TLS_gets_AA_with_a_PFX_server_certificate()
    {
        await using RunningHost host = await StartAsync(new() { ["EcgBridge:Mllp:Tls:CertificatePath"] = TestCertificates.WritePfx(_server, _directory, "server") });

        string? ack = await SendOverTlsAsync(host.Mllp, EcgMessages.Hl7("TLS-" + Guid.NewGuid().ToString("N")[..10]), clientCertificate: null);

        Assert.NotNull(ack);
        Assert.Equal("AA", Ack.Parse(ack).Code);
    }

    [Fact]
    public async Task HL7_over_TLS_gets_AA_with_a_PEM_certificate_and_key()
    {
        (string certificate, string key) = TestCertificates.WritePem(_server, _directory, "server");
        await using RunningHost host = await StartAsync(new()
        {
            ["EcgBridge:Mllp:Tls:CertificatePath"] = certificate,
            ["EcgBridge:Mllp:Tls:CertificateKeyPath"] = key,
        });

        string? ack = await SendOverTlsAsync(host.Mllp, EcgMessages.Hl7("TLS-" + Guid.NewGuid().ToString("N")[..10]), clientCertificate: null);

        Assert.Equal("AA", Ack.Parse(Assert.IsType<string>(ack)).Code);
    }

    [Fact]
    public async Task A_plaintext_MLLP_client_gets_no_ACK_and_the_connection_is_closed()
    {
        await using RunningHost host = await StartAsync(new() { ["EcgBridge:Mllp:Tls:CertificatePath"] = TestCertificates.WritePfx(_server, _directory, "server") });

        await using MllpClient plain = await MllpClient.ConnectAsync(host.Mllp);

        await Assert.ThrowsAnyAsync<IOException>(() => plain.SendAsync(EcgMessages.Hl7("PLAIN-" + Guid.NewGuid().ToString("N")[..10])));
    }

    [Fact]
    public async Task A_client_without_certificate_is_refused_when_one_is_required()
    {
        using X509Certificate2 authority = TestCertificates.Authority("ecgbridge-test-ca");
        await using RunningHost host = await StartAsync(new()
        {
            ["EcgBridge:Mllp:Tls:CertificatePath"] = TestCertificates.WritePfx(_server, _directory, "server"),
            ["EcgBridge:Mllp:Tls:RequireClientCertificate"] = "true",
            ["EcgBridge:Mllp:Tls:ClientCaPath"] = TestCertificates.WriteCertificatePem(authority, _directory, "ca"),
        });

        string? ack = await SendOverTlsAsync(host.Mllp, EcgMessages.Hl7("NOCERT-" + Guid.NewGuid().ToString("N")[..10]), clientCertificate: null);

        Assert.Null(ack);
    }

    [Fact]
    public async Task A_client_certificate_from_the_configured_CA_is_accepted_and_one_from_another_CA_refused()
    {
        using X509Certificate2 authority = TestCertificates.Authority("ecgbridge-test-ca");
        using X509Certificate2 stranger = TestCertificates.Authority("someone-else-ca");
        using X509Certificate2 trusted = TestCertificates.Client(authority, "cardiograph-1");
        using X509Certificate2 untrusted = TestCertificates.Client(stranger, "cardiograph-2");
        await using RunningHost host = await StartAsync(new()
        {
            ["EcgBridge:Mllp:Tls:CertificatePath"] = TestCertificates.WritePfx(_server, _directory, "server"),
            ["EcgBridge:Mllp:Tls:RequireClientCertificate"] = "true",
            ["EcgBridge:Mllp:Tls:ClientCaPath"] = TestCertificates.WriteCertificatePem(authority, _directory, "ca"),
        });

        string? accepted = await SendOverTlsAsync(host.Mllp, EcgMessages.Hl7("CA-OK-" + Guid.NewGuid().ToString("N")[..10]), trusted);
        string? refused = await SendOverTlsAsync(host.Mllp, EcgMessages.Hl7("CA-NO-" + Guid.NewGuid().ToString("N")[..10]), untrusted);

        Assert.Equal("AA", Ack.Parse(Assert.IsType<string>(accepted)).Code);
        Assert.Null(refused);
    }

    [Fact]
    public async Task Pinned_thumbprints_admit_only_the_listed_client_certificate()
    {
        using X509Certificate2 authority = TestCertificates.Authority("device-ca");
        using X509Certificate2 pinned = TestCertificates.Client(authority, "cardiograph-1");
        using X509Certificate2 other = TestCertificates.Client(authority, "cardiograph-2");
        await using RunningHost host = await StartAsync(new()
        {
            ["EcgBridge:Mllp:Tls:CertificatePath"] = TestCertificates.WritePfx(_server, _directory, "server"),
            ["EcgBridge:Mllp:Tls:RequireClientCertificate"] = "true",
            ["EcgBridge:Mllp:Tls:AllowedClientThumbprints"] = pinned.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256),
        });

        string? accepted = await SendOverTlsAsync(host.Mllp, EcgMessages.Hl7("PIN-OK-" + Guid.NewGuid().ToString("N")[..10]), pinned);
        string? refused = await SendOverTlsAsync(host.Mllp, EcgMessages.Hl7("PIN-NO-" + Guid.NewGuid().ToString("N")[..10]), other);

        Assert.Equal("AA", Ack.Parse(Assert.IsType<string>(accepted)).Code);
        Assert.Null(refused);
    }

    [Fact]
    public async Task Simulate_sends_over_TLS_trusting_the_given_CA_and_fails_in_plaintext()
    {
        await using RunningHost host = await StartAsync(new() { ["EcgBridge:Mllp:Tls:CertificatePath"] = TestCertificates.WritePfx(_server, _directory, "server") });
        string target = "mllp://localhost:" + host.Mllp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string ca = TestCertificates.WriteCertificatePem(_server, _directory, "server-ca");

        var tls = await CliProcess.RunAsync("simulate", "--format", "hl7", "--count", "2", "--seed", "88", "--to", target, "--mllp-tls", "--ca", ca, "--retries", "1");
        var plain = await CliProcess.RunAsync("simulate", "--format", "hl7", "--count", "1", "--seed", "89", "--to", target, "--retries", "1");

        Assert.True(tls.ExitCode == 0, tls.Error);
        Assert.Contains("acknowledged 2", tls.Out, StringComparison.Ordinal);
        Assert.Equal(5, plain.ExitCode);
    }

    [Fact]
    public async Task An_unreadable_certificate_refuses_start_up_with_its_code()
    {
        SecurityConfigurationException error = await Assert.ThrowsAsync<SecurityConfigurationException>(
            () => StartAsync(new() { ["EcgBridge:Mllp:Tls:CertificatePath"] = Path.Combine(_directory, "missing.pfx") }));

        Assert.Equal(SecurityCodes.TlsCertificateUnreadable, error.Code);
    }

    public void Dispose()
    {
        _server.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private static Task<RunningHost> StartAsync(Dictionary<string, string?> settings) => RunningHost.StartAsync(settings);

    /// <summary>
    /// Sends one framed message over TLS, trusting exactly the test server certificate; returns the ACK, or null when
    /// the server refused the handshake (under TLS 1.3 a refused client certificate shows up on the first read).
    /// </summary>
    private async Task<string?> SendOverTlsAsync(IPEndPoint endPoint, byte[] message, X509Certificate2? clientCertificate)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(endPoint);
        await using var ssl = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
        string expected = _server.Thumbprint;
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && new X509Certificate2(certificate).Thumbprint == expected,
            ClientCertificates = clientCertificate is null ? null : [clientCertificate],
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        };
        try
        {
            await ssl.AuthenticateAsClientAsync(options);
            byte[] framed = new byte[message.Length + 3];
            framed[0] = 0x0B;
            message.CopyTo(framed, 1);
            framed[^2] = 0x1C;
            framed[^1] = 0x0D;
            await ssl.WriteAsync(framed);
            using var ack = new MemoryStream();
            byte[] buffer = new byte[4096];
            using var safety = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (true)
            {
                int read = await ssl.ReadAsync(buffer, safety.Token);
                if (read == 0)
                {
                    return null;
                }

                ack.Write(buffer, 0, read);
                byte[] bytes = ack.ToArray();
                if (bytes.Length >= 2 && bytes[^2] == 0x1C && bytes[^1] == 0x0D)
                {
                    return Encoding.UTF8.GetString(bytes, 1, bytes.Length - 3);
                }
            }
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            return null;
        }
    }
}

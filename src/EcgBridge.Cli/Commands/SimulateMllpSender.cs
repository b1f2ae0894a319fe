using System.IO.Pipelines;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using EcgBridge.Hl7v2.Mllp;

namespace EcgBridge.Cli.Commands;

/// <summary>
/// Sends HL7 v2 messages over one MLLP connection (VT … FS CR) and reads each ACK. A refused or dropped connection is
/// reopened with backoff; a message whose ACK never came is sent again on the new connection (the receiver dedupes).
/// </summary>
internal sealed class SimulateMllpSender(string host, int port, SimulateRetry retry, TimeSpan ackTimeout, Action<string> report) : ISimulateSender
{
    private TcpClient? _client;
    private byte[] _frame = [];
    private Stream? _stream;

    /// <summary>MLLP over TLS when set (TLS 1.2+).</summary>
    public SimulateTlsSettings? Tls { get; init; }
    private PipeReader? _reader;
    private MllpFrameReader? _frames;

    public async Task<SimulateDelivery> SendAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        // One reusable frame buffer per sender: a 300 KB ECG would otherwise be a large-object allocation per send.
        int length = payload.Length + 3;
        if (_frame.Length < length)
        {
            _frame = new byte[length];
        }

        ReadOnlyMemory<byte> frame = _frame.AsMemory(0, MllpFrameWriter.Frame(payload.Span, _frame));
        for (int attempt = 1; attempt <= retry.Attempts; attempt++)
        {
            TimeSpan delay = retry.DelayBefore(attempt);
            if (delay > TimeSpan.Zero)
            {
                report($"retry {attempt - 1}/{retry.Attempts - 1} in {delay.TotalSeconds:0.#} s");
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }

            try
            {
                await EnsureConnectedAsync(cancellationToken).ConfigureAwait(false);
                await _stream!.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(ackTimeout);
                MllpReadResult answer = await _frames!.ReadFrameAsync(_reader!, timeout.Token).ConfigureAwait(false);
                if (answer.Status == MllpReadStatus.Frame)
                {
                    return IsAccepted(answer.Frame.Span) ? SimulateDelivery.Acknowledged : SimulateDelivery.Rejected;
                }

                // The receiver closed the connection without an ACK: reconnect and send again.
                await CloseAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or IOException or AuthenticationException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                report(e switch
                {
                    OperationCanceledException => "no ACK in time",
                    AuthenticationException => "TLS handshake failed (certificate not trusted, or the receiver refused ours)",
                    _ => "cannot connect or connection lost",
                });
                await CloseAsync().ConfigureAwait(false);
            }
        }

        return SimulateDelivery.Failed;
    }

    /// <summary>MSA-1 of the ACK: AA or CA accept; anything else (AE, AR, CE, CR, no MSA) does not.</summary>
    internal static bool IsAccepted(ReadOnlySpan<byte> ack)
    {
        string text = Encoding.UTF8.GetString(ack);
        foreach (string segment in text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment.StartsWith("MSA", StringComparison.Ordinal) && segment.Length > 4)
            {
                string[] fields = segment.Split(segment[3]);
                return fields.Length > 1 && fields[1] is "AA" or "CA";
            }
        }

        return false;
    }

    private async Task EnsureConnectedAsync(CancellationToken cancellationToken)
    {
        if (_client is { Connected: true })
        {
            return;
        }

        await CloseAsync().ConfigureAwait(false);
        _client = new TcpClient { NoDelay = true };
        await _client.ConnectAsync(host, port, cancellationToken).ConfigureAwait(false);
        _stream = _client.GetStream();
        if (Tls is not null)
        {
            var ssl = new SslStream(_stream, leaveInnerStreamOpen: false);
            _stream = ssl;
            await ssl.AuthenticateAsClientAsync(ClientOptions(Tls), cancellationToken).ConfigureAwait(false);
        }

        _reader = PipeReader.Create(_stream, new StreamPipeReaderOptions(leaveOpen: true));
        _frames = new MllpFrameReader();
    }

    private SslClientAuthenticationOptions ClientOptions(SimulateTlsSettings tls)
    {
        X509Certificate2Collection? authorities = null;
        if (tls.CaPath is not null)
        {
            authorities = [];
            authorities.ImportFromPemFile(tls.CaPath);
        }

        X509Certificate2Collection? client = null;
        if (tls.ClientCertificatePath is { } path)
        {
            client =
            [
                path.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".p12", StringComparison.OrdinalIgnoreCase)
                    ? X509CertificateLoader.LoadPkcs12FromFile(path, null)
                    : X509Certificate2.CreateFromPemFile(path),
            ];
        }

        return new SslClientAuthenticationOptions
        {
            TargetHost = host,
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            ClientCertificates = client,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
            {
                if (tls.InsecureSkipVerify)
                {
                    return true;
                }

                if (authorities is null || certificate is null)
                {
                    return errors == SslPolicyErrors.None;
                }

                // Trust exactly the given CA(s); the host name must still match the certificate.
                using var custom = new X509Chain();
                custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                custom.ChainPolicy.CustomTrustStore.AddRange(authorities);
                custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                using var server = new X509Certificate2(certificate);
                return (errors & SslPolicyErrors.RemoteCertificateNameMismatch) == 0 && custom.Build(server);
            },
        };
    }

    private async Task CloseAsync()
    {
        if (_reader is not null)
        {
            await _reader.CompleteAsync().ConfigureAwait(false);
            _reader = null;
        }

        if (_stream is not null)
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
            _stream = null;
        }

        _client?.Dispose();
        _client = null;
    }

    public async ValueTask DisposeAsync() => await CloseAsync().ConfigureAwait(false);
}

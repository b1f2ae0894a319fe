using System.IO.Pipelines;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using EcgBridge.Hl7v2.Mllp;

namespace EcgBridge.Host.Delivery.Hl7;

/// <summary>
/// A persistent MLLP connection to one destination. One message at a time (MLLP is request/ACK): send, read frames
/// until the ACK whose MSA-2 is the MSH-10 sent or the timeout. A late ACK for an earlier message is skipped; a broken
/// connection is dropped and reopened on the next send.
/// </summary>
internal sealed class Hl7DestinationClient : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Hl7DestinationOptions _options;
    private readonly Uri _url;
    private TcpClient? _tcp;
    private Stream? _stream;
    private PipeReader? _reader;
    private MllpFrameReader? _frames;

    public Hl7DestinationClient(Hl7DestinationOptions options)
    {
        _options = options;
        _url = new Uri(options.Url);
    }

    /// <summary>True for an mllp:// or mllps:// URL with a host and a port.</summary>
    public static bool IsValidUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) && uri.Scheme is "mllp" or "mllps" && uri.Host.Length > 0 && uri.Port > 0;

    /// <summary>Sends one message and classifies the answer.</summary>
    public async Task<Hl7DeliveryResult> SendAsync(byte[] message, string controlId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(_options.AckTimeoutSeconds));
            try
            {
                await EnsureConnectedAsync(timeout.Token).ConfigureAwait(false);
                await _stream!.WriteAsync(MllpFrameWriter.Frame(message), timeout.Token).ConfigureAwait(false);
                await _stream.FlushAsync(timeout.Token).ConfigureAwait(false);
                while (true)
                {
                    MllpReadResult read = await _frames!.ReadFrameAsync(_reader!, timeout.Token).ConfigureAwait(false);
                    if (read.Status == MllpReadStatus.EndOfStream)
                    {
                        await DropAsync().ConfigureAwait(false);
                        return new Hl7DeliveryResult(Hl7DeliveryStatus.Retry, Hl7DeliveryCodes.Unavailable);
                    }

                    if (read.Status != MllpReadStatus.Frame)
                    {
                        continue;
                    }

                    (string? code, string? acknowledged) = ReadMsa(read.Frame.Span);
                    if (code is null)
                    {
                        // Not an ACK at all: the connection's framing cannot be trusted any more.
                        await DropAsync().ConfigureAwait(false);
                        return new Hl7DeliveryResult(Hl7DeliveryStatus.Retry, Hl7DeliveryCodes.AckMismatch);
                    }

                    if (!string.Equals(acknowledged, controlId, StringComparison.Ordinal))
                    {
                        continue; // a late ACK of an earlier message: not ours, keep reading
                    }

                    return code switch
                    {
                        "AA" or "CA" => new Hl7DeliveryResult(Hl7DeliveryStatus.Delivered, null),
                        "AR" or "CR" => new Hl7DeliveryResult(Hl7DeliveryStatus.Refused, Hl7DeliveryCodes.Refused),
                        _ => new Hl7DeliveryResult(Hl7DeliveryStatus.Retry, Hl7DeliveryCodes.Error),
                    };
                }
            }
            catch (Exception ex) when (ex is IOException or SocketException or System.Security.Authentication.AuthenticationException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                await DropAsync().ConfigureAwait(false);
                return new Hl7DeliveryResult(Hl7DeliveryStatus.Retry, Hl7DeliveryCodes.Unavailable);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DropAsync().ConfigureAwait(false);
        _gate.Dispose();
    }

    /// <summary>MSA-1 and MSA-2 of an ACK, or (null, null) when the frame has no MSA segment.</summary>
    internal static (string? Code, string? ControlId) ReadMsa(ReadOnlySpan<byte> frame)
    {
        string text = Encoding.UTF8.GetString(frame);
        foreach (string segment in text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment.StartsWith("MSA", StringComparison.Ordinal) && segment.Length > 4)
            {
                string[] fields = segment.Split(segment[3]);
                return (fields.Length > 1 ? fields[1] : "", fields.Length > 2 ? fields[2] : "");
            }
        }

        return (null, null);
    }

    private async Task EnsureConnectedAsync(CancellationToken cancellationToken)
    {
        if (_stream is not null)
        {
            return;
        }

        var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync(_url.Host, _url.Port, cancellationToken).ConfigureAwait(false);
        Stream stream = tcp.GetStream();
        if (_url.Scheme == "mllps")
        {
            var ssl = new SslStream(stream, leaveInnerStreamOpen: false, ValidateServer);
            await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = _url.Host }, cancellationToken).ConfigureAwait(false);
            stream = ssl;
        }

        _tcp = tcp;
        _stream = stream;
        _reader = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));
        _frames = new MllpFrameReader(1024 * 1024);
    }

    private bool ValidateServer(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (_options.TrustedCaPath is null || certificate is null || errors != SslPolicyErrors.RemoteCertificateChainErrors)
        {
            return false;
        }

        using var ca = X509Certificate2.CreateFromPemFile(_options.TrustedCaPath);
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.Add(ca);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return custom.Build(leaf);
    }

    private async Task DropAsync()
    {
        if (_reader is not null)
        {
            await _reader.CompleteAsync().ConfigureAwait(false);
        }

        if (_stream is not null)
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }

        _tcp?.Dispose();
        _reader = null;
        _stream = null;
        _tcp = null;
        _frames = null;
    }
}

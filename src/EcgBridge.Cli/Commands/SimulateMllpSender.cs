using System.IO.Pipelines;
using System.Net.Sockets;
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
    private NetworkStream? _stream;
    private PipeReader? _reader;
    private MllpFrameReader? _frames;

    public async Task<SimulateDelivery> SendAsync(byte[] payload, CancellationToken cancellationToken)
    {
        byte[] frame = MllpFrameWriter.Frame(payload);
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
            catch (Exception e) when (e is SocketException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                report(e is OperationCanceledException ? "no ACK in time" : "cannot connect or connection lost");
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
        _reader = PipeReader.Create(_stream, new StreamPipeReaderOptions(leaveOpen: true));
        _frames = new MllpFrameReader();
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

using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EcgBridge.IntegrationTests.Reliability;

/// <summary>
/// One MLLP sender as integration engines behave: keeps a connection, sends a message, waits for its ACK; on AE, a
/// timeout or a lost connection it reconnects and resends the same message (same control id) until it gets AA.
/// </summary>
internal sealed class FaultSender(IPEndPoint endPoint, TimeSpan ackTimeout, FaultRunTally tally) : IAsyncDisposable
{
    private TcpClient? _client;
    private NetworkStream? _stream;

    /// <summary>Sends until AA; returns the number of attempts.</summary>
    public async Task<int> SendUntilAcceptedAsync(string controlId, byte[] message, CancellationToken cancellationToken)
    {
        byte[] frame = new byte[message.Length + 3];
        frame[0] = 0x0B;
        message.CopyTo(frame, 1);
        frame[^2] = 0x1C;
        frame[^1] = 0x0D;
        for (int attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            tally.Attempt(attempt);
            try
            {
                if (_stream is null)
                {
                    _client = new TcpClient { NoDelay = true };
                    await _client.ConnectAsync(endPoint, cancellationToken);
                    _stream = _client.GetStream();
                }

                await _stream.WriteAsync(frame, cancellationToken);
                string? ack = await ReadAckAsync(_stream, cancellationToken);
                if (ack is null)
                {
                    tally.ConnectionLost();
                    Close();
                }
                else if (MsaCode(ack, out string acknowledged) is "AA" && acknowledged == controlId)
                {
                    tally.Accepted(controlId);
                    return attempt;
                }
                else
                {
                    tally.Refused();
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                tally.TimedOut();
                Close();
            }
            catch (Exception ex) when (ex is SocketException or IOException)
            {
                tally.ConnectionLost();
                Close();
            }

            // Engines pause before a resend; a short one keeps the run quick while the service restarts.
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(2000, 250 * attempt)), cancellationToken);
        }
    }

    private async Task<string?> ReadAckAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ackTimeout);
        using var ack = new MemoryStream();
        byte[] buffer = new byte[4096];
        while (true)
        {
            int read = await stream.ReadAsync(buffer, timeout.Token);
            if (read == 0)
            {
                return null;
            }

            ack.Write(buffer, 0, read);
            if (ack.Length >= 2 && buffer[read - 1] == 0x0D && ack.GetBuffer()[ack.Length - 2] == 0x1C)
            {
                byte[] bytes = ack.ToArray();
                int start = Array.IndexOf(bytes, (byte)0x0B) + 1;
                return Encoding.UTF8.GetString(bytes, start, bytes.Length - start - 2);
            }
        }
    }

    private static string MsaCode(string ack, out string controlId)
    {
        controlId = "";
        foreach (string segment in ack.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment.StartsWith("MSA|", StringComparison.Ordinal))
            {
                string[] fields = segment.Split('|');
                controlId = fields.Length > 2 ? fields[2] : "";
                return fields.Length > 1 ? fields[1] : "";
            }
        }

        return "";
    }

    private void Close()
    {
        _stream?.Dispose();
        _client?.Dispose();
        _stream = null;
        _client = null;
    }

    public ValueTask DisposeAsync()
    {
        Close();
        return ValueTask.CompletedTask;
    }
}

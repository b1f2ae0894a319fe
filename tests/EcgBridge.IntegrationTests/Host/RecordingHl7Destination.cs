using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EcgBridge.IntegrationTests.Host;

/// <summary>
/// Stands in for an HL7-only system (a system we do not own): an MLLP server that records every ORU^R01 it receives and
/// answers with a configurable MSA-1 (AA by default). It can be stopped and started again on the same port.
/// </summary>
internal sealed class RecordingHl7Destination : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _received = new();
    private TcpListener? _listener;
    private CancellationTokenSource? _stop;
    private Task? _loop;

    private RecordingHl7Destination(int port) => Port = port;

    public int Port { get; }

    /// <summary>MSA-1 to answer with.</summary>
    public string AnswerCode { get; set; } = "AA";

    public IReadOnlyCollection<string> Received => _received;

    public static RecordingHl7Destination Start()
    {
        var destination = new RecordingHl7Destination(Reliability.ServeProcess.FreePort());
        destination.Resume();
        return destination;
    }

    /// <summary>Control ids (MSH-10) received, in order.</summary>
    public List<string> ControlIds() => [.. _received.Select(m => m.Split('\r')[0].Split('|')[9])];

    public void Resume()
    {
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        _stop = new CancellationTokenSource();
        _loop = AcceptLoopAsync(_listener, _stop.Token);
    }

    /// <summary>Stops listening and drops every open connection (what a restart of the receiving system does).</summary>
    public async Task PauseAsync()
    {
        await (_stop?.CancelAsync() ?? Task.CompletedTask);
        _listener?.Stop();
        if (_loop is not null)
        {
            try
            {
                await _loop;
            }
            catch (OperationCanceledException)
            {
            }
        }

        _stop?.Dispose();
        _stop = null;
    }

    public async ValueTask DisposeAsync() => await PauseAsync();

    private async Task AcceptLoopAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        var connections = new List<Task>();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                TcpClient client = await listener.AcceptTcpClientAsync(cancellationToken);
                connections.Add(ServeAsync(client, cancellationToken));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        await Task.WhenAll(connections.Select(c => c.ContinueWith(_ => { }, TaskScheduler.Default)));
    }

    private async Task ServeAsync(TcpClient client, CancellationToken cancellationToken)
    {
        using (client)
        {
            NetworkStream stream = client.GetStream();
            var buffer = new List<byte>();
            byte[] chunk = new byte[64 * 1024];
            try
            {
                while (!cancellationToken.IsCancellationRequested)
                {
                    int read = await stream.ReadAsync(chunk, cancellationToken);
                    if (read == 0)
                    {
                        return;
                    }

                    buffer.AddRange(chunk.AsSpan(0, read));
                    int end;
                    while ((end = buffer.IndexOf(0x1C)) >= 0 && end + 1 < buffer.Count)
                    {
                        int start = buffer.IndexOf(0x0B);
                        string message = Encoding.UTF8.GetString([.. buffer.GetRange(start + 1, end - start - 1)]);
                        buffer.RemoveRange(0, end + 2);
                        _received.Enqueue(message);
                        string controlId = message.Split('\r')[0].Split('|')[9];
                        string ack = $"MSH|^~\\&|HIS||ECGBRIDGE||20261203000000||ACK^R01^ACK|A{controlId}|P|2.5.1\rMSA|{AnswerCode}|{controlId}\r";
                        byte[] framed = [0x0B, .. Encoding.UTF8.GetBytes(ack), 0x1C, 0x0D];

                        // A message taken is answered even when a restart is under way (a clean restart finishes the
                        // message in hand); the restart closes the connection only between messages.
                        await stream.WriteAsync(framed, CancellationToken.None);
                    }
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException)
            {
            }
        }
    }
}

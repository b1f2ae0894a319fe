using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EcgBridge.IntegrationTests.Host;

/// <summary>A minimal MLLP sender: one connection, one message at a time, returns the ACK text.</summary>
internal sealed class MllpClient : IAsyncDisposable
{
    private readonly TcpClient _client = new();
    private NetworkStream? _stream;

    public static async Task<MllpClient> ConnectAsync(IPEndPoint endPoint)
    {
        var client = new MllpClient();
        await client._client.ConnectAsync(endPoint);
        client._stream = client._client.GetStream();
        return client;
    }

    public async Task<string> SendAsync(byte[] message)
    {
        byte[] framed = new byte[message.Length + 3];
        framed[0] = 0x0B;
        message.CopyTo(framed, 1);
        framed[^2] = 0x1C;
        framed[^1] = 0x0D;
        await _stream!.WriteAsync(framed);
        using var ack = new MemoryStream();
        byte[] buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            int read = await _stream.ReadAsync(buffer, timeout.Token);
            if (read == 0)
            {
                throw new IOException("Connection closed before the ACK.");
            }

            ack.Write(buffer, 0, read);
            byte[] bytes = ack.ToArray();
            if (bytes.Length >= 2 && bytes[^2] == 0x1C && bytes[^1] == 0x0D)
            {
                int start = Array.IndexOf(bytes, (byte)0x0B) + 1;
                return Encoding.UTF8.GetString(bytes, start, bytes.Length - start - 2);
            }
        }
    }

    /// <summary>True when the server closed the connection (read returns 0 or fails) within the timeout.</summary>
    public async Task<bool> WaitClosedAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            byte[] buffer = new byte[256];
            while (await _stream!.ReadAsync(buffer, cts.Token) > 0)
            {
            }

            return true;
        }
        catch (IOException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public Stream Stream => _stream!;

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}

using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using EcgBridge.Hl7v2;
using EcgBridge.Hl7v2.Mllp;
using Microsoft.Extensions.Options;

namespace EcgBridge.Host.Mllp;

/// <summary>
/// TCP listener for HL7 v2 over MLLP: many connections, one message at a time per connection (MLLP is strictly
/// request/ACK), framed by the fuzzed <see cref="MllpFrameDecoder"/>; bounded frame size, idle and per-frame timeouts
/// so slow or half-open connections release their buffers and their slot, a per-peer limit and a reserve of slots for
/// peers without a connection so one flooding address cannot lock every sender out. Discards and drops are logged and
/// counted with their HL7-MLLP-* codes (never payload bytes).
/// </summary>
public sealed class MllpListener : BackgroundService
{
    private readonly MllpOptions _options;
    private readonly IMllpMessageHandler _handler;
    private readonly ILogger<MllpListener> _logger;
    private readonly Dictionary<IPAddress, int> _peers = [];
    private int _open;
    private readonly MllpTls? _tls;
    private readonly TaskCompletionSource<IPEndPoint> _bound = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Socket? _socket;
    private int _connectionCounter;

    public MllpListener(IOptions<MllpOptions> options, IMllpMessageHandler handler, ILogger<MllpListener> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _handler = handler;
        _logger = logger;
        _tls = _options.Enabled && _options.Tls.Enabled ? new MllpTls(_options.Tls, logger) : null;
    }

    /// <summary>The address actually bound (useful with port 0); completes when the listener is up.</summary>
    public Task<IPEndPoint> BoundEndPoint => _bound.Task;

    /// <inheritdoc />
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (!_options.Enabled)
        {
            _bound.TrySetCanceled(cancellationToken);
            return Task.CompletedTask;
        }

        var endPoint = new IPEndPoint(IPAddress.Parse(_options.Address), _options.Port);
        _socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _socket.Bind(endPoint);
        _socket.Listen(512);
        var local = (IPEndPoint)_socket.LocalEndPoint!;
        HostLog.MllpListening(_logger, local.Port);
        _bound.TrySetResult(local);
        return base.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _socket?.Dispose();
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _socket?.Dispose();
        _tls?.Dispose();
        base.Dispose();
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_socket is null)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _socket.AcceptAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }

            IPAddress peer = (client.RemoteEndPoint as IPEndPoint)?.Address ?? IPAddress.None;
            if (!TryTakeSlot(peer, out string refusal))
            {
                MllpTelemetry.Refused(refusal);
                HostLog.MllpConnectionRefused(_logger, refusal, _options.MaxConnections, _options.MaxConnectionsPerPeer);
                client.Dispose();
                continue;
            }

            int id = Interlocked.Increment(ref _connectionCounter);
            _ = Task.Run(() => ServeConnectionAsync(client, id, peer, stoppingToken), CancellationToken.None);
        }
    }

    private async Task ServeConnectionAsync(Socket client, int connectionId, IPAddress peer, CancellationToken stoppingToken)
    {
        client.NoDelay = true;
        Stream stream = new NetworkStream(client, ownsSocket: true);
        if (_tls is not null)
        {
            Stream? secured = await _tls.AuthenticateAsync(stream, connectionId, stoppingToken).ConfigureAwait(false);
            if (secured is null)
            {
                // The TLS stream owned and closed the socket.
                ReleaseSlot(peer);
                return;
            }

            stream = secured;
        }

        PipeReader reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, leaveOpen: true));
        var decoder = new MllpFrameDecoder(_options.MaxFrameBytes);
        string reason = "closed";
        int discards = 0;
        try
        {
            // The idle clock runs from the last complete frame (or the connection's start): junk bytes do not reset it.
            long lastFrameAt = Stopwatch.GetTimestamp();
            long frameStarted = 0;
            while (!stoppingToken.IsCancellationRequested)
            {
                TimeSpan timeout = frameStarted == 0
                    ? TimeSpan.FromSeconds(_options.IdleTimeoutSeconds) - Stopwatch.GetElapsedTime(lastFrameAt)
                    : TimeSpan.FromSeconds(_options.FrameTimeoutSeconds) - Stopwatch.GetElapsedTime(frameStarted);
                if (timeout <= TimeSpan.Zero)
                {
                    reason = frameStarted == 0 ? MllpCloseReasons.IdleTimeout : MllpCloseReasons.FrameTimeout;
                    return;
                }

                ReadResult result;
                using (var cts = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
                {
                    cts.CancelAfter(timeout);
                    try
                    {
                        result = await reader.ReadAsync(cts.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                    {
                        reason = frameStarted == 0 ? MllpCloseReasons.IdleTimeout : MllpCloseReasons.FrameTimeout;
                        return;
                    }
                }

                ReadOnlySequence<byte> buffer = result.Buffer;
                while (decoder.TryDecode(ref buffer, result.IsCompleted, out MllpReadResult read))
                {
                    if (read.Status == MllpReadStatus.EndOfStream)
                    {
                        return;
                    }

                    if (read.Status == MllpReadStatus.Discarded)
                    {
                        discards++;
                        MllpTelemetry.Discarded(read.Code!);
                        HostLog.MllpDiscarded(_logger, connectionId, read.Code!, discards);
                        if (read.Code == Hl7Codes.MllpFrameTooLarge)
                        {
                            // No ACK can answer a frame we will not read; closing tells the sender at once.
                            reason = MllpCloseReasons.FrameTooLarge;
                            return;
                        }

                        continue;
                    }

                    frameStarted = 0;
                    byte[] ack = await _handler.HandleAsync(read.Frame, stoppingToken).ConfigureAwait(false);
                    await stream.WriteAsync(MllpFrameWriter.Frame(ack), stoppingToken).ConfigureAwait(false);
                    lastFrameAt = Stopwatch.GetTimestamp();
                }

                if (decoder.IsInsideFrame && frameStarted == 0)
                {
                    frameStarted = Stopwatch.GetTimestamp();
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            reason = MllpCloseReasons.Stopping;
        }
        catch (IOException)
        {
            reason = MllpCloseReasons.IoError;
        }
        catch (SocketException)
        {
            reason = MllpCloseReasons.SocketError;
        }
        finally
        {
            MllpTelemetry.Closed(reason);
            if (reason is MllpCloseReasons.IdleTimeout or MllpCloseReasons.FrameTimeout or MllpCloseReasons.FrameTooLarge)
            {
                HostLog.MllpConnectionDropped(_logger, connectionId, reason, discards);
            }
            else
            {
                HostLog.MllpConnectionClosed(_logger, connectionId, reason);
            }

            await reader.CompleteAsync().ConfigureAwait(false);
            await stream.DisposeAsync().ConfigureAwait(false);
            ReleaseSlot(peer);
        }
    }

    /// <summary>
    /// Takes a slot for <paramref name="peer"/> unless the listener is full, the peer holds its maximum, or only the
    /// reserve is left and the peer already holds a connection.
    /// </summary>
    private bool TryTakeSlot(IPAddress peer, out string refusal)
    {
        lock (_peers)
        {
            _peers.TryGetValue(peer, out int held);
            int free = _options.MaxConnections - _open;
            refusal = free <= 0 ? MllpCloseReasons.ListenerFull
                : held >= _options.MaxConnectionsPerPeer ? MllpCloseReasons.PeerLimit
                : held > 0 && free <= _options.ReservedConnections ? MllpCloseReasons.ReserveOnly
                : "";
            if (refusal.Length > 0)
            {
                return false;
            }

            _peers[peer] = held + 1;
            _open++;
            return true;
        }
    }

    private void ReleaseSlot(IPAddress peer)
    {
        lock (_peers)
        {
            _open--;
            if (_peers.TryGetValue(peer, out int held) && held > 1)
            {
                _peers[peer] = held - 1;
            }
            else
            {
                _peers.Remove(peer);
            }
        }
    }
}

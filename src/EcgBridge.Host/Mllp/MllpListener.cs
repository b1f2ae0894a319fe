using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Net;
using Microsoft.Extensions.Options;

namespace EcgBridge.Host.Mllp;

/// <summary>
/// TCP listener for HL7 v2 over MLLP: many connections, one message at a time per connection (MLLP is strictly
/// request/ACK), bounded frame size, idle and per-frame timeouts so slow or half-open connections release their
/// buffers and their connection slot.
/// </summary>
public sealed class MllpListener : BackgroundService
{
    private readonly MllpOptions _options;
    private readonly IMllpMessageHandler _handler;
    private readonly ILogger<MllpListener> _logger;
    private readonly SemaphoreSlim _slots;
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
        _slots = new SemaphoreSlim(_options.MaxConnections, _options.MaxConnections);
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
        _slots.Dispose();
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

            if (!_slots.Wait(0, CancellationToken.None))
            {
                HostLog.MllpConnectionRefused(_logger, _options.MaxConnections);
                client.Dispose();
                continue;
            }

            int id = Interlocked.Increment(ref _connectionCounter);
            _ = Task.Run(() => ServeConnectionAsync(client, id, stoppingToken), CancellationToken.None);
        }
    }

    private async Task ServeConnectionAsync(Socket client, int connectionId, CancellationToken stoppingToken)
    {
        client.NoDelay = true;
        Stream stream = new NetworkStream(client, ownsSocket: true);
        if (_tls is not null)
        {
            Stream? secured = await _tls.AuthenticateAsync(stream, connectionId, stoppingToken).ConfigureAwait(false);
            if (secured is null)
            {
                // The TLS stream owned and closed the socket.
                _slots.Release();
                return;
            }

            stream = secured;
        }

        PipeReader reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, leaveOpen: true));
        string reason = "closed";
        try
        {
            long frameStarted = 0;
            while (!stoppingToken.IsCancellationRequested)
            {
                TimeSpan timeout = frameStarted == 0
                    ? TimeSpan.FromSeconds(_options.IdleTimeoutSeconds)
                    : TimeSpan.FromSeconds(_options.FrameTimeoutSeconds) - Stopwatch.GetElapsedTime(frameStarted);
                if (timeout <= TimeSpan.Zero)
                {
                    reason = "frame-timeout";
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
                        reason = frameStarted == 0 ? "idle-timeout" : "frame-timeout";
                        return;
                    }
                }

                ReadOnlySequence<byte> buffer = result.Buffer;
                while (true)
                {
                    MllpFraming.FrameStatus status = MllpFraming.TryReadFrame(buffer, _options.MaxFrameBytes, out ReadOnlySequence<byte> message, out SequencePosition consumed, out bool inFrame);
                    if (status == MllpFraming.FrameStatus.TooLarge)
                    {
                        reason = "frame-too-large";
                        return;
                    }

                    if (status == MllpFraming.FrameStatus.NeedMoreData)
                    {
                        buffer = buffer.Slice(consumed);
                        if (inFrame && frameStarted == 0)
                        {
                            frameStarted = Stopwatch.GetTimestamp();
                        }
                        else if (!inFrame)
                        {
                            frameStarted = 0;
                        }

                        break;
                    }

                    byte[] content = message.ToArray();
                    buffer = buffer.Slice(consumed);
                    frameStarted = 0;
                    byte[] ack = await _handler.HandleAsync(content, stoppingToken).ConfigureAwait(false);
                    await stream.WriteAsync(MllpFraming.Wrap(ack), stoppingToken).ConfigureAwait(false);
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
            reason = "stopping";
        }
        catch (IOException)
        {
            reason = "io-error";
        }
        catch (SocketException)
        {
            reason = "socket-error";
        }
        finally
        {
            HostLog.MllpConnectionClosed(_logger, connectionId, reason);
            await reader.CompleteAsync().ConfigureAwait(false);
            await stream.DisposeAsync().ConfigureAwait(false);
            _slots.Release();
        }
    }
}

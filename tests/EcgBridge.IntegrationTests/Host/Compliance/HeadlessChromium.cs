using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EcgBridge.IntegrationTests.Host.Compliance;

/// <summary>
/// Debian's chromium in headless mode, driven over the DevTools protocol (one page, flat session) with
/// <see cref="ClientWebSocket"/>: no browser download, no driver package. Fails with a clear message when chromium is
/// not installed (scripts/services.sh <c>browser_install</c> installs it).
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    /// <summary>Where Debian installs chromium; <c>ECGBRIDGE_CHROMIUM</c> overrides it.</summary>
    public static readonly string ExecutablePath = Environment.GetEnvironmentVariable("ECGBRIDGE_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly string _profile;
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonNode?>> _pending = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonNode?>> _events = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private Task _receiver = Task.CompletedTask;
    private int _nextId;
    private string? _session;

    private HeadlessChromium(Process process, string profile)
    {
        _process = process;
        _profile = profile;
    }

    public static async Task<HeadlessChromium> StartAsync(int width = 1600, int height = 1300)
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"chromium is not installed at {ExecutablePath}: the compliance page test needs it. Install it with `source scripts/services.sh && browser_install` (Debian package chromium).");
        }

        string profile = Path.Combine(Path.GetTempPath(), "ecgb-chromium-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        var start = new ProcessStartInfo(ExecutablePath)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (string argument in (string[])[
            "--headless=new", "--remote-debugging-port=0", "--user-data-dir=" + profile, "--no-first-run", "--no-default-browser-check",
            "--disable-gpu", "--disable-dev-shm-usage", "--disable-extensions", "--disable-background-networking", "--disable-sync",
            "--no-sandbox", "--hide-scrollbars", "--mute-audio", $"--window-size={width},{height}", "about:blank"])
        {
            start.ArgumentList.Add(argument);
        }

        Process process = Process.Start(start) ?? throw new InvalidOperationException("chromium did not start");
        var browser = new HeadlessChromium(process, profile);
        try
        {
            // Chromium announces its browser endpoint on stderr: "DevTools listening on ws://127.0.0.1:PORT/devtools/browser/ID".
            Uri endpoint = await ReadEndpointAsync(process).WaitAsync(Timeout);
            await browser._socket.ConnectAsync(endpoint, CancellationToken.None);
            browser._receiver = Task.Run(browser.ReceiveLoopAsync);
            JsonNode? target = await browser.SendAsync("Target.createTarget", new JsonObject { ["url"] = "about:blank" }, browserLevel: true);
            JsonNode? attached = await browser.SendAsync(
                "Target.attachToTarget",
                new JsonObject { ["targetId"] = target!["targetId"]!.GetValue<string>(), ["flatten"] = true },
                browserLevel: true);
            browser._session = attached!["sessionId"]!.GetValue<string>();
            await browser.SendAsync("Page.enable");
            await browser.SendAsync("Emulation.setDeviceMetricsOverride", new JsonObject { ["width"] = width, ["height"] = height, ["deviceScaleFactor"] = 1, ["mobile"] = false });
            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    /// <summary>Opens <paramref name="url"/> and returns once its load event fired.</summary>
    public async Task NavigateAsync(Uri url)
    {
        Task loaded = NextEvent("Page.loadEventFired");
        await SendAsync("Page.navigate", new JsonObject { ["url"] = url.ToString() });
        await loaded.WaitAsync(Timeout);
    }

    /// <summary>Runs <paramref name="script"/> (which navigates, e.g. submits a form) and returns once the new page loaded.</summary>
    public async Task RunAndWaitForLoadAsync(string script)
    {
        Task loaded = NextEvent("Page.loadEventFired");
        await EvaluateAsync(script);
        await loaded.WaitAsync(Timeout);
    }

    /// <summary>Evaluates a JavaScript expression in the page and returns its value as JSON.</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression)
    {
        JsonNode? result = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true, ["awaitPromise"] = true });
        if (result?["exceptionDetails"] is { } exception)
        {
            throw new InvalidOperationException("script failed in the page: " + exception.ToJsonString());
        }

        return result?["result"]?["value"];
    }

    public async Task<string> TextAsync(string selector) =>
        (await EvaluateAsync($"document.querySelector({JsonSerializer.Serialize(selector)})?.textContent ?? null"))?.GetValue<string>()
        ?? throw new InvalidOperationException("no element " + selector + " on the page");

    /// <summary>A PNG of the whole page.</summary>
    public async Task<byte[]> ScreenshotAsync()
    {
        JsonNode? shot = await SendAsync("Page.captureScreenshot", new JsonObject { ["format"] = "png", ["captureBeyondViewport"] = true });
        return Convert.FromBase64String(shot!["data"]!.GetValue<string>());
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
            }
        }
        catch (WebSocketException)
        {
        }

        _socket.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            await _receiver;
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
        }

        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
        }

        _stop.Dispose();
        _sendLock.Dispose();
    }

    private static async Task<Uri> ReadEndpointAsync(Process process)
    {
        const string marker = "DevTools listening on ";
        while (await process.StandardError.ReadLineAsync() is { } line)
        {
            int at = line.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                // Keep draining both pipes so chromium never blocks on a full pipe.
                _ = process.StandardError.ReadToEndAsync();
                _ = process.StandardOutput.ReadToEndAsync();
                return new Uri(line[(at + marker.Length)..].Trim());
            }
        }

        throw new InvalidOperationException($"chromium exited (code {process.ExitCode}) before opening its DevTools endpoint");
    }

    private Task<JsonNode?> NextEvent(string method)
    {
        var waiter = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _events[method] = waiter;
        return waiter.Task;
    }

    private async Task<JsonNode?> SendAsync(string method, JsonObject? parameters = null, bool browserLevel = false)
    {
        int id = Interlocked.Increment(ref _nextId);
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new JsonObject() };
        if (!browserLevel && _session is not null)
        {
            message["sessionId"] = _session;
        }

        var reply = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        byte[] bytes = Encoding.UTF8.GetBytes(message.ToJsonString());
        await _sendLock.WaitAsync();
        try
        {
            await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        }
        finally
        {
            _sendLock.Release();
        }

        return await reply.Task.WaitAsync(Timeout);
    }

    private async Task ReceiveLoopAsync()
    {
        byte[] buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (!_stop.IsCancellationRequested && _socket.State == WebSocketState.Open)
        {
            WebSocketReceiveResult received = await _socket.ReceiveAsync(buffer, _stop.Token);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                break;
            }

            message.Write(buffer, 0, received.Count);
            if (!received.EndOfMessage)
            {
                continue;
            }

            JsonNode? node = JsonNode.Parse(message.GetBuffer().AsSpan(0, (int)message.Length));
            message.SetLength(0);
            if (node?["id"] is { } idNode && _pending.TryRemove(idNode.GetValue<int>(), out TaskCompletionSource<JsonNode?>? reply))
            {
                if (node["error"] is { } error)
                {
                    reply.TrySetException(new InvalidOperationException("DevTools error: " + error.ToJsonString()));
                }
                else
                {
                    reply.TrySetResult(node["result"]);
                }
            }
            else if (node?["method"]?.GetValue<string>() is { } method && _events.TryRemove(method, out TaskCompletionSource<JsonNode?>? waiter))
            {
                waiter.TrySetResult(node["params"]);
            }
        }
    }
}

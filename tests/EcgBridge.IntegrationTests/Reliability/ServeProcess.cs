using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using EcgBridge.TestSupport;

namespace EcgBridge.IntegrationTests.Reliability;

/// <summary>
/// <c>ecgbridge serve</c> (the built Cli) as a child process on fixed loopback ports, so a test can kill it with SIGKILL
/// and start it again on the same ports and state, as an operator's supervisor would.
/// </summary>
internal sealed class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private bool _disposed;

    private ServeProcess(Process process, IPEndPoint mllp, Uri http)
    {
        _process = process;
        Mllp = mllp;
        Http = http;
    }

    public IPEndPoint Mllp { get; }

    public Uri Http { get; }

    public int ProcessId => _process.Id;

    /// <summary>A free loopback TCP port (bound and released).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Starts the service with <paramref name="settings"/> (configuration keys, passed as environment variables) and
    /// returns once its MLLP listener accepts connections (it opens only after the bus and the database are up).
    /// </summary>
    public static Task<ServeProcess> StartAsync(string dataDir, int mllpPort, int httpPort, IReadOnlyDictionary<string, string> settings, string logFile, TimeSpan timeout) =>
        StartAsync(dataDir, mllpPort, httpPort, settings, logFile, timeout, appDirectory: null, workingDirectory: null);

    /// <summary>
    /// Starts the service from <paramref name="appDirectory"/> (a published copy; null: this test's own build, pointed at
    /// the repository's mappings and model) in <paramref name="workingDirectory"/> (null: the app folder).
    /// </summary>
    public static async Task<ServeProcess> StartAsync(
        string dataDir, int mllpPort, int httpPort, IReadOnlyDictionary<string, string> settings, string logFile, TimeSpan timeout, string? appDirectory, string? workingDirectory)
    {
        string cli = Path.Combine(appDirectory ?? AppContext.BaseDirectory, "ecgbridge.dll");
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };

        // exec keeps the pid: the shell only redirects the service's output to the log file.
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec \"$0\" exec \"$1\" serve --data-dir \"$2\" >>\"$3\" 2>&1");
        start.ArgumentList.Add(dotnet);
        start.ArgumentList.Add(cli);
        start.ArgumentList.Add(dataDir);
        start.ArgumentList.Add(logFile);
        var all = new Dictionary<string, string>(settings)
        {
            ["EcgBridge:Mllp:Port"] = mllpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["EcgBridge:HttpUrl"] = "http://127.0.0.1:" + httpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        if (appDirectory is null)
        {
            all.TryAdd("EcgBridge:MappingsDirectory", RepositoryPaths.Combine("mappings"));
            all.TryAdd("EcgBridge:Inference:ModelDirectory", RepositoryPaths.Combine("models", "ecg-smart-net"));
        }
        foreach ((string key, string value) in all)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        Process process = Process.Start(start) ?? throw new InvalidOperationException("ecgbridge serve did not start");
        var mllp = new IPEndPoint(IPAddress.Loopback, mllpPort);
        var served = new ServeProcess(process, mllp, new Uri($"http://127.0.0.1:{httpPort}/"));
        DateTime deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"ecgbridge serve exited with {process.ExitCode} during start-up; see {logFile}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(mllp);
                return served;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>SIGKILL: no shutdown, no draining, no flushing — what a crash or an OOM kill does.</summary>
    public async Task KillHardAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM and wait (the service writes its shutdown checkpoint); SIGKILL after <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var term = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!)
        {
            await term.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            await KillHardAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await KillHardAsync();
        _process.Dispose();
    }
}

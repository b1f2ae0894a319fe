using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace EcgBridge.Host.Folders;

/// <summary>
/// Watches one inbox folder. A file is taken once it has stopped changing, claimed by an atomic rename into
/// <c>.claimed/</c>, accepted through the pipeline, then moved to <c>done/</c> (accepted or duplicate) or <c>error/</c>
/// with a <c>.codes.json</c> sidecar (rejected). After a crash the claimed files are accepted again at start: the
/// content-hash dedupe key makes that a duplicate, so nothing is lost and nothing is scored twice.
/// </summary>
internal sealed class FolderWatcher : BackgroundService
{
    private const string ClaimedFolder = ".claimed";
    private const string DoneFolder = "done";
    private const string ErrorFolder = "error";
    private readonly string _name;
    private readonly FolderOptions _options;
    private readonly IngestService _ingest;
    private readonly ILogger _logger;
    private readonly Dictionary<string, (long Size, DateTime Modified)> _seen = new(StringComparer.Ordinal);

    public FolderWatcher(string name, FolderOptions options, IngestService ingest, ILogger logger)
    {
        _name = name;
        _options = options;
        _ingest = ingest;
        _logger = logger;
        Root = System.IO.Path.GetFullPath(options.Path);
    }

    /// <summary>The inbox folder, absolute.</summary>
    public string Root { get; }

    /// <summary>Creates the folder and its subfolders (0700: they hold patient files).</summary>
    public void Prepare()
    {
        foreach (string folder in (string[])[Root, Sub(ClaimedFolder), Sub(DoneFolder), Sub(ErrorFolder)])
        {
            Directory.CreateDirectory(folder);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
    }

    /// <summary>One scan: recover claimed files, then take every settled file. Returns how many files were finished.</summary>
    public async Task<int> ScanAsync(CancellationToken cancellationToken)
    {
        int finished = 0;
        foreach (string claimed in Directory.GetFiles(Sub(ClaimedFolder)))
        {
            finished += await ProcessClaimedAsync(claimed, cancellationToken).ConfigureAwait(false) ? 1 : 0;
        }

        string[] candidates = Directory.GetFiles(Root, _options.Pattern, SearchOption.TopDirectoryOnly);
        Array.Sort(candidates, StringComparer.Ordinal);
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (string path in candidates)
        {
            string fileName = System.IO.Path.GetFileName(path);
            if (fileName.StartsWith('.') || fileName.EndsWith(".tmp", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".part", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            present.Add(path);
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                continue;
            }

            (long, DateTime) now = (info.Length, info.LastWriteTimeUtc);
            bool settled = _seen.TryGetValue(path, out (long Size, DateTime Modified) before) && before == now
                && DateTime.UtcNow - info.LastWriteTimeUtc >= TimeSpan.FromSeconds(_options.SettleSeconds);
            _seen[path] = now;
            if (!settled)
            {
                continue;
            }

            string claimedPath = System.IO.Path.Combine(Sub(ClaimedFolder), fileName);
            try
            {
                // The claim: an atomic rename on the same file system. A second instance watching the same folder loses
                // the race and skips the file.
                File.Move(path, claimedPath, overwrite: false);
            }
            catch (IOException)
            {
                continue;
            }

            _seen.Remove(path);
            finished += await ProcessClaimedAsync(claimedPath, cancellationToken).ConfigureAwait(false) ? 1 : 0;
        }

        foreach (string stale in _seen.Keys.Where(k => !present.Contains(k)).ToList())
        {
            _seen.Remove(stale);
        }

        return finished;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        FolderLog.Watching(_logger, _name, _options.PollSeconds);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(_options.PollSeconds));
        do
        {
            try
            {
                await ScanAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                FolderLog.ScanFailed(_logger, _name, ex.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>Accepts one claimed file and moves it on; false when it must be tried again (infrastructure fault).</summary>
    private async Task<bool> ProcessClaimedAsync(string claimedPath, CancellationToken cancellationToken)
    {
        string fileName = System.IO.Path.GetFileName(claimedPath);
        FileIngestAnswer answer;
        long length;
        try
        {
            length = new FileInfo(claimedPath).Length;
        }
        catch (IOException)
        {
            FolderLog.Unreadable(_logger, _name, FolderCodes.FileUnreadable);
            return false;
        }

        if (length > _options.MaxFileBytes)
        {
            answer = await _ingest.RecordOversizeFileAsync(await HashAsync(claimedPath, cancellationToken).ConfigureAwait(false), FolderCodes.FileTooLarge, "file", IngestChannels.Folder, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            byte[] content;
            try
            {
                content = await File.ReadAllBytesAsync(claimedPath, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                FolderLog.Unreadable(_logger, _name, FolderCodes.FileUnreadable);
                return false;
            }

            answer = await _ingest.AcceptFileAsync(content, _options.Profile, "file", IngestChannels.Folder, string.IsNullOrWhiteSpace(_options.ResultsPath) ? null : _name, cancellationToken).ConfigureAwait(false);
        }

        switch (answer.Outcome)
        {
            case FileIngestOutcome.Unavailable:
                return false;
            case FileIngestOutcome.Rejected:
                string errorPath = Free(System.IO.Path.Combine(Sub(ErrorFolder), fileName));
                await WriteSidecarAsync(errorPath + ".codes.json", answer.Codes, cancellationToken).ConfigureAwait(false);
                File.Move(claimedPath, errorPath);
                FolderLog.Finished(_logger, _name, "error", answer.Codes.Count > 0 ? answer.Codes[0] : "");
                return true;
            default:
                File.Move(claimedPath, Free(System.IO.Path.Combine(Sub(DoneFolder), fileName)));
                FolderLog.Finished(_logger, _name, answer.Outcome == FileIngestOutcome.Duplicate ? "duplicate" : "done", "");
                return true;
        }
    }

    private static async Task<string> HashAsync(string path, CancellationToken cancellationToken)
    {
        FileStream stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
        }
    }

    private static async Task WriteSidecarAsync(string path, IReadOnlyList<string> codes, CancellationToken cancellationToken)
    {
        // Codes and locations only: the sidecar is read by people and scripts, and must never carry patient data.
        string temp = path + ".tmp";
        await File.WriteAllTextAsync(temp, JsonSerializer.Serialize(new { codes }), Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>A name in the target folder that is not taken (the same file dropped twice keeps both copies).</summary>
    private static string Free(string path)
    {
        if (!File.Exists(path))
        {
            return path;
        }

        string directory = System.IO.Path.GetDirectoryName(path)!;
        string stem = System.IO.Path.GetFileNameWithoutExtension(path);
        string extension = System.IO.Path.GetExtension(path);
        for (int i = 1; ; i++)
        {
            string candidate = System.IO.Path.Combine(directory, $"{stem}.{i}{extension}");
            if (!File.Exists(candidate))
            {
                return candidate;
            }
        }
    }

    private string Sub(string name) => System.IO.Path.Combine(Root, name);
}

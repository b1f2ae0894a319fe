using System.Text;

namespace EcgBridge.Audit;

/// <summary>
/// The checkpoint witness outside the database: a folder (mode 0700) with one append-only NDJSON file per chain
/// (<c>chain-&lt;id&gt;.ndjson</c>, mode 0600), one line per checkpoint. Point the folder at WORM storage (see docs/audit.md).
/// </summary>
public sealed class AuditWitness
{
    public AuditWitness(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory = Path.GetFullPath(directory);
    }

    /// <summary>The witness folder.</summary>
    public string Directory { get; }

    /// <summary>The file of one chain.</summary>
    public string FileOf(int chainId) => Path.Combine(Directory, FormattableString.Invariant($"chain-{chainId}.ndjson"));

    /// <summary>
    /// Appends one checkpoint line and flushes it to disk. False when the folder or file cannot be written (the caller
    /// reports <c>AUDIT-WITNESS-UNWRITABLE</c>); never throws for I/O or permission faults.
    /// </summary>
    public bool TryAppend(AuditCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        try
        {
            if (!System.IO.Directory.Exists(Directory))
            {
                if (OperatingSystem.IsWindows())
                {
                    System.IO.Directory.CreateDirectory(Directory);
                }
                else
                {
                    System.IO.Directory.CreateDirectory(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }
            }

            string file = FileOf(checkpoint.ChainId);
            bool created = !File.Exists(file);
            var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.Read };
            if (created && !OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var stream = new FileStream(file, options);
            stream.Write(Encoding.UTF8.GetBytes(checkpoint.ToJsonLine() + "\n"));

            // The line must survive a crash right after the database commit it vouches for.
            stream.Flush(flushToDisk: true);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// Every line of a chain's file, parsed (null entries for unreadable lines, in file order); an empty list when the
    /// file does not exist.
    /// </summary>
    public IReadOnlyList<AuditCheckpoint?> Read(int chainId)
    {
        string file = FileOf(chainId);
        var lines = new List<AuditCheckpoint?>();
        if (!File.Exists(file))
        {
            return lines;
        }

        foreach (string line in File.ReadLines(file))
        {
            if (line.Length == 0)
            {
                continue;
            }

            lines.Add(AuditCheckpoint.TryParseJsonLine(line, out AuditCheckpoint? checkpoint) ? checkpoint : null);
        }

        return lines;
    }

    /// <summary>True when the chain's witness file exists.</summary>
    public bool Exists(int chainId) => File.Exists(FileOf(chainId));
}

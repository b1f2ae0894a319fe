using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EcgBridge.Core.Pipeline;

namespace EcgBridge.Pipeline.Accept;

/// <summary>
/// Durable copies of accepted <see cref="ScoreEcg"/> commands under <c>&lt;data-dir&gt;/spool</c>, for the in-memory bus:
/// written (fsync, atomic rename) before the inbox row commits, deleted once a result is recorded, and re-sent at
/// start-up, so an AA given in embedded mode survives a crash. With RabbitMQ the quorum queue plays this part and the
/// spool is off.
/// </summary>
public sealed class PayloadSpool
{
    private readonly string? _directory;

    public PayloadSpool(string? directory)
    {
        _directory = directory;
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }
    }

    /// <summary>True when the spool keeps files (in-memory bus).</summary>
    public bool Enabled => _directory is not null;

    /// <summary>The spool folder, or null when the spool is off (retention prunes finished files there).</summary>
    public string? DirectoryPath => _directory;

    /// <summary>Writes the command durably; returns when it is on disk.</summary>
    public async Task SaveAsync(ScoreEcg command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (_directory is null)
        {
            return;
        }

        string path = PathOf(command.DedupeKey);
        string temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous);
        await using (stream.ConfigureAwait(false))
        {
            await JsonSerializer.SerializeAsync(stream, command, cancellationToken: cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Forgets a command once its result is recorded.</summary>
    public void Delete(string dedupeKey)
    {
        if (_directory is null)
        {
            return;
        }

        try
        {
            File.Delete(PathOf(dedupeKey));
        }
        catch (IOException)
        {
            // A concurrent writer holds it; the next start-up re-sends it and the idempotent consumer drops it.
        }
    }

    /// <summary>Every spooled command (left over from a previous run).</summary>
    public async Task<IReadOnlyList<ScoreEcg>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var commands = new List<ScoreEcg>();
        if (_directory is null)
        {
            return commands;
        }

        foreach (string path in Directory.EnumerateFiles(_directory, "*.json"))
        {
            var stream = File.OpenRead(path);
            await using (stream.ConfigureAwait(false))
            {
                try
                {
                    ScoreEcg? command = await JsonSerializer.DeserializeAsync<ScoreEcg>(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
                    if (command is not null)
                    {
                        commands.Add(command);
                    }
                }
                catch (JsonException)
                {
                    // Renames are atomic, so a torn file is not ours to trust; it stays for an operator.
                }
            }
        }

        return commands;
    }

    private string PathOf(string dedupeKey) =>
        Path.Combine(_directory!, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(dedupeKey))) + ".json");
}

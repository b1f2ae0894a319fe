namespace EcgBridge.Host.Folders;

/// <summary>The watched folders configured under <c>EcgBridge:Folders:&lt;name&gt;</c>, read once at start.</summary>
public sealed class FolderRegistry
{
    private readonly Dictionary<string, FolderOptions> _folders;

    private FolderRegistry(Dictionary<string, FolderOptions> folders) => _folders = folders;

    public IReadOnlyDictionary<string, FolderOptions> Folders => _folders;

    /// <summary>Reads the section; a folder without a Path refuses start with FOLDER-PATH-INVALID.</summary>
    public static FolderRegistry Read(IConfiguration configuration)
    {
        var folders = new Dictionary<string, FolderOptions>(StringComparer.OrdinalIgnoreCase);
        foreach (IConfigurationSection section in configuration.GetSection(FolderOptions.SectionName).GetChildren())
        {
            var options = new FolderOptions();
            section.Bind(options);
            if (string.IsNullOrWhiteSpace(options.Path))
            {
                throw new ConfigurationRefusedException(FolderCodes.PathInvalid + " " + FolderOptions.SectionName + ":" + section.Key + ":Path");
            }

            folders[section.Key] = options;
        }

        return new FolderRegistry(folders);
    }

    /// <summary>Writes a result file atomically into the named folder's results folder; false when the folder is not configured.</summary>
    public async Task<bool> WriteResultAsync(string folder, string fileName, string json, CancellationToken cancellationToken)
    {
        if (!_folders.TryGetValue(folder, out FolderOptions? options) || string.IsNullOrWhiteSpace(options.ResultsPath))
        {
            return false;
        }

        string directory = Path.GetFullPath(options.ResultsPath);
        Directory.CreateDirectory(directory);
        string target = Path.Combine(directory, Path.GetFileName(fileName));
        string temp = target + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllTextAsync(temp, json, cancellationToken).ConfigureAwait(false);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        // Rename is atomic: a reader of the results folder never sees half a file; a redelivery overwrites the same name.
        File.Move(temp, target, overwrite: true);
        return true;
    }
}

namespace EcgBridge.Inference;

/// <summary>Finds a model folder: absolute path, else next to the app, else the current directory or one of its parents.</summary>
public static class ModelDirectory
{
    /// <summary>The default model folder, relative to the app or the repository root.</summary>
    public const string Default = "models/ecg-smart-net";

    /// <summary>Resolves <paramref name="configured"/> to an existing folder holding manifest.json, or returns it made absolute.</summary>
    public static string Resolve(string configured) =>
        ResolveWhere(configured, static folder => File.Exists(Path.Combine(folder, ModelManifest.FileName)));

    /// <summary>Resolves the registry folder (a folder of model folders) the same way: the first that exists.</summary>
    public static string ResolveRegistry(string configured) => ResolveWhere(configured, Directory.Exists);

    private static string ResolveWhere(string configured, Func<string, bool> found)
    {
        ArgumentException.ThrowIfNullOrEmpty(configured);
        if (Path.IsPathRooted(configured))
        {
            return Path.GetFullPath(configured);
        }

        string besideApp = Path.Combine(AppContext.BaseDirectory, configured);
        if (found(besideApp))
        {
            return Path.GetFullPath(besideApp);
        }

        // Running from a checkout (dotnet run, tests): walk up from the current directory to the repository root.
        for (DirectoryInfo? dir = new(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, configured);
            if (found(candidate))
            {
                return candidate;
            }
        }

        return Path.GetFullPath(configured);
    }
}

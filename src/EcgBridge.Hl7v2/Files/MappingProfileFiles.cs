using EcgBridge.Core.Issues;
using EcgBridge.Core.Mapping;

namespace EcgBridge.Hl7v2.Files;

/// <summary>Loads mapping profiles from disk: a mappings/ folder, or one profile file named on the command line.</summary>
public static class MappingProfileFiles
{
    /// <summary>
    /// Finds the mappings folder: <c>mappings/</c> under the current directory or any parent, else beside or above the
    /// running binaries. Null when none exists.
    /// </summary>
    public static string? FindDefaultDirectory()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "mappings");
                if (File.Exists(Path.Combine(candidate, "mapping-profile.schema.json")))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>Loads every <c>*.json</c> profile of a folder (the schema file excluded).</summary>
    public static MappingProfileSet LoadDirectory(string directory, IssueList issues)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(issues);
        var sources = new List<KeyValuePair<string, string>>();
        if (Directory.Exists(directory))
        {
            string[] files = Directory.GetFiles(directory, "*.json");
            Array.Sort(files, StringComparer.Ordinal);
            foreach (string file in files)
            {
                if (!file.EndsWith(".schema.json", StringComparison.OrdinalIgnoreCase))
                {
                    sources.Add(new(Path.GetFileName(file), File.ReadAllText(file)));
                }
            }
        }

        return MappingProfileSet.FromJson(sources, issues);
    }

    /// <summary>
    /// Resolves a <c>--mapping</c> argument: a path to a profile file loads that file (and returns its name as the
    /// explicit choice); a name is kept as the explicit choice against the default folder's profiles.
    /// </summary>
    public static MappingProfileSet Resolve(string? mapping, IssueList issues, out string? explicitName)
    {
        ArgumentNullException.ThrowIfNull(issues);
        explicitName = string.IsNullOrWhiteSpace(mapping) ? null : mapping.Trim();
        string? directory = FindDefaultDirectory();
        MappingProfileSet defaults = directory is null ? MappingProfileSet.Empty : LoadDirectory(directory, issues);
        if (explicitName is null || !explicitName.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || !File.Exists(explicitName))
        {
            return defaults;
        }

        var local = new IssueList();
        if (MappingProfileJson.TryParse(File.ReadAllText(explicitName), local, out MappingProfile? profile))
        {
            explicitName = profile!.Name;
            return new MappingProfileSet([profile, .. defaults.Profiles]);
        }

        issues.AddRange(local);
        return defaults;
    }
}

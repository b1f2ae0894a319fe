using EcgBridge.Core.Issues;
using EcgBridge.Core.Mapping;

namespace EcgBridge.Hl7v2.Files;

/// <summary>Loads mapping profiles from disk: a mappings/ folder, or one profile file named on the command line.</summary>
public static class MappingProfileFiles
{
    /// <summary>The folder name of the shipped profiles, beside the application and in the repository.</summary>
    public const string FolderName = "mappings";

    /// <summary>
    /// Finds the mappings folder: <paramref name="configured"/> when absolute; otherwise (default <c>mappings</c>) the
    /// folder of that name beside the running application — where build and publish put the shipped profiles — and only
    /// then the current directory or one of its parents (a checkout). Null when none exists.
    /// </summary>
    public static string? FindDirectory(string? configured = null)
    {
        string relative = string.IsNullOrWhiteSpace(configured) ? FolderName : configured.Trim();
        if (Path.IsPathRooted(relative))
        {
            return Directory.Exists(relative) ? Path.GetFullPath(relative) : null;
        }

        string besideApp = Path.Combine(AppContext.BaseDirectory, relative);
        if (Directory.Exists(besideApp))
        {
            return Path.GetFullPath(besideApp);
        }

        for (DirectoryInfo? dir = new(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, relative);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The default mappings folder (<see cref="FindDirectory"/> with no configuration).</summary>
    public static string? FindDefaultDirectory() => FindDirectory(null);

    /// <summary>
    /// Loads a deployment's profiles strictly: every <c>*.json</c> file (schema excluded) must parse, be named like its
    /// file and be unique, and at least one must load. Any error refuses the whole folder: a product that silently
    /// skipped a broken profile would answer that feed's messages with HL7-PROFILE-NONE.
    /// </summary>
    public static MappingCatalog LoadStrict(string? directory)
    {
        var problems = new IssueList();
        if (directory is null || !Directory.Exists(directory))
        {
            problems.Error(MappingCodes.DirectoryMissing, directory ?? FolderName);
            return new MappingCatalog(MappingProfileSet.Empty, problems, directory);
        }

        string[] files = Directory.GetFiles(directory, "*.json");
        Array.Sort(files, StringComparer.Ordinal);
        var profiles = new List<MappingProfile>();
        foreach (string file in files)
        {
            string fileName = Path.GetFileName(file);
            if (fileName.EndsWith(".schema.json", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var local = new IssueList();
            if (!MappingProfileJson.TryParse(File.ReadAllText(file), local, out MappingProfile? profile) || profile is null)
            {
                foreach (Issue issue in local)
                {
                    problems.Add(issue with { Location = fileName + ": " + issue.Location });
                }

                continue;
            }

            if (!string.Equals(profile.Name, Path.GetFileNameWithoutExtension(fileName), StringComparison.OrdinalIgnoreCase))
            {
                problems.Error(MappingCodes.NameMismatch, fileName);
            }
            else if (profiles.Exists(p => string.Equals(p.Name, profile.Name, StringComparison.OrdinalIgnoreCase)))
            {
                problems.Error(MappingCodes.NameDuplicate, fileName);
            }
            else
            {
                profiles.Add(profile);
            }
        }

        if (profiles.Count == 0 && !problems.HasErrors)
        {
            problems.Error(MappingCodes.NoneLoaded, directory);
        }

        return new MappingCatalog(new MappingProfileSet(profiles), problems, directory);
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
        MappingCatalog catalog = LoadStrict(FindDefaultDirectory());
        issues.AddRange(catalog.Problems);
        MappingProfileSet defaults = catalog.Profiles;
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

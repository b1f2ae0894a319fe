using EcgBridge.Core.Issues;

namespace EcgBridge.Core.Mapping;

/// <summary>
/// The profiles a deployment knows, ordered by <see cref="MappingProfile.Priority"/> then name. Selection: an explicit
/// name wins; otherwise the first profile whose match rules fit the message.
/// </summary>
public sealed class MappingProfileSet
{
    private readonly List<MappingProfile> _profiles;

    /// <summary>Creates a set; duplicate names keep the first profile.</summary>
    public MappingProfileSet(IEnumerable<MappingProfile> profiles)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        _profiles = [];
        foreach (MappingProfile profile in profiles)
        {
            if (Find(profile.Name) is null)
            {
                _profiles.Add(profile);
            }
        }

        _profiles.Sort(static (a, b) =>
        {
            int byPriority = a.Priority.CompareTo(b.Priority);
            return byPriority != 0 ? byPriority : string.CompareOrdinal(a.Name, b.Name);
        });
    }

    /// <summary>An empty set.</summary>
    public static MappingProfileSet Empty { get; } = new([]);

    /// <summary>The profiles in selection order.</summary>
    public IReadOnlyList<MappingProfile> Profiles => _profiles;

    /// <summary>
    /// Parses profiles from (source name, JSON text) pairs, for example the files of mappings/. Unusable profiles are
    /// skipped with their issues; a duplicate name is a warning.
    /// </summary>
    public static MappingProfileSet FromJson(IEnumerable<KeyValuePair<string, string>> sources, IssueList issues)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(issues);
        var profiles = new List<MappingProfile>();
        foreach (KeyValuePair<string, string> source in sources)
        {
            var local = new IssueList();
            if (MappingProfileJson.TryParse(source.Value, local, out MappingProfile? profile))
            {
                if (profiles.Exists(p => string.Equals(p.Name, profile!.Name, StringComparison.OrdinalIgnoreCase)))
                {
                    issues.Warning(MappingCodes.NameDuplicate, source.Key);
                    continue;
                }

                profiles.Add(profile!);
            }

            foreach (Issue issue in local)
            {
                issues.Add(issue with { Location = source.Key + ": " + issue.Location });
            }
        }

        return new MappingProfileSet(profiles);
    }

    /// <summary>The profile with this name (case-insensitive), or null.</summary>
    public MappingProfile? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (MappingProfile profile in _profiles)
        {
            if (string.Equals(profile.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return profile;
            }
        }

        return null;
    }

    /// <summary>
    /// Selects a profile: <paramref name="explicitName"/> when given (null if unknown), else the first profile whose
    /// match lists all contain the message's values (empty lists match anything; a null value matches only empty lists).
    /// </summary>
    public MappingProfile? Select(string? explicitName, string? sendingApplication, string? sendingFacility, string? observationCode) =>
        Select(explicitName, sendingApplication, sendingFacility, observationCode, formats: null);

    /// <summary>
    /// Like <see cref="Select(string?, string?, string?, string?)"/>, considering only profiles of the given formats when
    /// selecting by rules (an HL7 decoder skips FHIR profiles); an explicit name is returned whatever its format.
    /// </summary>
    public MappingProfile? Select(
        string? explicitName, string? sendingApplication, string? sendingFacility, string? observationCode, IReadOnlyCollection<MappingFormat>? formats)
    {
        if (!string.IsNullOrWhiteSpace(explicitName))
        {
            return Find(explicitName.Trim());
        }

        foreach (MappingProfile profile in _profiles)
        {
            if (formats is not null && !formats.Contains(profile.Format))
            {
                continue;
            }

            MappingMatch match = profile.Match;
            if (Fits(match.SendingApplications, sendingApplication)
                && Fits(match.SendingFacilities, sendingFacility)
                && Fits(match.ObservationCodes, observationCode))
            {
                return profile;
            }
        }

        return null;
    }

    private static bool Fits(IReadOnlyList<string> allowed, string? value)
    {
        if (allowed.Count == 0)
        {
            return true;
        }

        if (value is null)
        {
            return false;
        }

        string trimmed = value.Trim();
        foreach (string candidate in allowed)
        {
            if (string.Equals(candidate, trimmed, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}

namespace EcgBridge.Core.Mapping;

/// <summary>
/// A per-feed mapping profile (a JSON file in mappings/, reviewed in git): which decoder, how lead labels and units
/// are spelled, and the feed's quirks. Code carries no feed-specific spellings; profiles do.
/// </summary>
public sealed record MappingProfile
{
    /// <summary>Unique profile name (the file name without .json).</summary>
    public required string Name { get; init; }

    /// <summary>What the profile is for, in a sentence.</summary>
    public string Description { get; init; } = "";

    /// <summary>Which decoder this profile drives.</summary>
    public required MappingFormat Format { get; init; }

    /// <summary>Default of <see cref="Priority"/>.</summary>
    public const int DefaultPriority = 100;

    /// <summary>Selection rules when no profile is named explicitly.</summary>
    public MappingMatch Match { get; init; } = new();

    /// <summary>Selection order: lower first (feed-specific profiles before catch-all ones); ties by name.</summary>
    public int Priority { get; init; } = DefaultPriority;

    /// <summary>Lead label (as the feed writes it: code, name, either) → standard lead name (I … V6).</summary>
    public IReadOnlyDictionary<string, string> LeadAliases { get; init; } = new Dictionary<string, string>();

    /// <summary>Unit string as the feed writes it → millivolts per unit.</summary>
    public IReadOnlyDictionary<string, double> UnitAliases { get; init; } = new Dictionary<string, double>();

    /// <summary>Unit assumed when the feed sends none (null: a missing unit is an error).</summary>
    public string? DefaultUnit { get; init; }

    /// <summary>Sample rate assumed when the feed sends none (null: a missing rate is an error).</summary>
    public double? DefaultSampleRateHz { get; init; }

    /// <summary>Lead order of interleaved data (FHIR dimensions &gt; 1, HL7 MA without CD), as standard lead names.</summary>
    public IReadOnlyList<string> InterleavedLeadOrder { get; init; } = [];

    /// <summary>Tolerate spaces inside numbers (seen in real monitor feeds).</summary>
    public bool TolerateSpacesInNumbers { get; init; } = true;

    /// <summary>Other decoder-specific settings, documented in mappings/README.md.</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Maps a feed's lead label through the profile's aliases, then the default catalog. Returns false for unknown labels.
    /// </summary>
    public bool TryMapLead(ReadOnlySpan<char> label, out Lead lead)
    {
        ReadOnlySpan<char> trimmed = label.Trim();
        foreach (KeyValuePair<string, string> alias in LeadAliases)
        {
            if (trimmed.Equals(alias.Key, StringComparison.OrdinalIgnoreCase))
            {
                return LeadCatalog.TryParse(alias.Value, out lead);
            }
        }

        return LeadCatalog.TryParse(trimmed, out lead);
    }

    /// <summary>Maps a unit string through the profile's aliases, then the default unit table.</summary>
    public bool TryGetMillivoltFactor(ReadOnlySpan<char> unit, out double factor)
    {
        ReadOnlySpan<char> trimmed = unit.Trim();
        foreach (KeyValuePair<string, double> alias in UnitAliases)
        {
            if (trimmed.Equals(alias.Key, StringComparison.OrdinalIgnoreCase))
            {
                factor = alias.Value;
                return true;
            }
        }

        return Units.TryGetMillivoltFactor(trimmed, out factor);
    }
}

using System.Globalization;
using System.Text.Json;
using EcgBridge.Core.Issues;

namespace EcgBridge.Core.Mapping;

/// <summary>
/// Reads a mapping profile from its JSON form (mappings/*.json, described by mappings/mapping-profile.schema.json).
/// Property names are camelCase; unknown properties are ignored so that profiles can carry review notes.
/// </summary>
public static class MappingProfileJson
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 16,
    };

    /// <summary>Parses one profile; false (with error issues located at the property) when it is unusable.</summary>
    public static bool TryParse(string json, IssueList issues, out MappingProfile? profile)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(issues);
        profile = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException)
        {
            // The parser's message quotes the input; the code alone is reported.
            issues.Error(MappingCodes.JsonInvalid, "profile");
            return false;
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                issues.Error(MappingCodes.JsonInvalid, "profile");
                return false;
            }

            int errorsBefore = issues.ErrorCount;
            string? name = ReadString(root, "name", issues, required: true);
            string location = name is null ? "profile" : "profile " + name;
            string? formatText = ReadString(root, "format", issues, required: true);
            MappingFormat format = default;
            if (formatText is not null && (!Enum.TryParse(formatText, ignoreCase: true, out format) || !Enum.IsDefined(format)
                || int.TryParse(formatText, out _)))
            {
                issues.Error(MappingCodes.FormatUnknown, location + " format");
            }

            var match = new MappingMatch();
            if (root.TryGetProperty("match", out JsonElement matchElement))
            {
                if (matchElement.ValueKind != JsonValueKind.Object)
                {
                    issues.Error(MappingCodes.PropertyInvalid, location + " match");
                }
                else
                {
                    match = new MappingMatch
                    {
                        SendingApplications = ReadStringList(matchElement, "sendingApplications", location, issues),
                        SendingFacilities = ReadStringList(matchElement, "sendingFacilities", location, issues),
                        ObservationCodes = ReadStringList(matchElement, "observationCodes", location, issues),
                    };
                }
            }

            var leadAliases = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach ((string key, string value) in ReadStringMap(root, "leadAliases", location, issues))
            {
                if (!LeadCatalog.TryParse(value, out _))
                {
                    issues.Error(MappingCodes.LeadAliasInvalid, location + " leadAliases");
                    continue;
                }

                leadAliases[key] = value;
            }

            var unitAliases = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
            if (root.TryGetProperty("unitAliases", out JsonElement unitElement))
            {
                if (unitElement.ValueKind != JsonValueKind.Object)
                {
                    issues.Error(MappingCodes.PropertyInvalid, location + " unitAliases");
                }
                else
                {
                    foreach (JsonProperty property in unitElement.EnumerateObject())
                    {
                        if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetDouble(out double factor)
                            || !double.IsFinite(factor) || factor <= 0)
                        {
                            issues.Error(MappingCodes.UnitAliasInvalid, location + " unitAliases");
                            continue;
                        }

                        unitAliases[property.Name] = factor;
                    }
                }
            }

            double? defaultRate = ReadNumber(root, "defaultSampleRateHz", location, issues);
            double? priority = ReadNumber(root, "priority", location, issues);
            bool tolerateSpaces = true;
            if (root.TryGetProperty("tolerateSpacesInNumbers", out JsonElement spaces))
            {
                if (spaces.ValueKind is JsonValueKind.True or JsonValueKind.False)
                {
                    tolerateSpaces = spaces.GetBoolean();
                }
                else
                {
                    issues.Error(MappingCodes.PropertyInvalid, location + " tolerateSpacesInNumbers");
                }
            }

            var options = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach ((string key, string value) in ReadStringMap(root, "options", location, issues))
            {
                options[key] = value;
            }

            MappingProfile candidate = new()
            {
                Name = name ?? "",
                Description = ReadString(root, "description", issues, required: false) ?? "",
                Format = format,
                Match = match,
                Priority = priority is { } p ? (int)Math.Clamp(p, int.MinValue, int.MaxValue) : MappingProfile.DefaultPriority,
                LeadAliases = leadAliases,
                UnitAliases = unitAliases,
                DefaultUnit = ReadString(root, "defaultUnit", issues, required: false),
                DefaultSampleRateHz = defaultRate,
                InterleavedLeadOrder = ReadStringList(root, "interleavedLeadOrder", location, issues),
                TolerateSpacesInNumbers = tolerateSpaces,
                Options = options,
            };

            if (issues.ErrorCount > errorsBefore)
            {
                return false;
            }

            profile = candidate;
            return true;
        }
    }


    private static string? ReadString(JsonElement parent, string property, IssueList issues, bool required)
    {
        if (!parent.TryGetProperty(property, out JsonElement element) || element.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                issues.Error(MappingCodes.PropertyInvalid, property);
            }

            return null;
        }

        if (element.ValueKind != JsonValueKind.String || (required && string.IsNullOrWhiteSpace(element.GetString())))
        {
            issues.Error(MappingCodes.PropertyInvalid, property);
            return null;
        }

        return element.GetString();
    }

    private static double? ReadNumber(JsonElement parent, string property, string location, IssueList issues)
    {
        if (!parent.TryGetProperty(property, out JsonElement element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out double value) || !double.IsFinite(value))
        {
            issues.Error(MappingCodes.PropertyInvalid, location + " " + property);
            return null;
        }

        return value;
    }

    private static List<string> ReadStringList(JsonElement parent, string property, string location, IssueList issues)
    {
        var list = new List<string>();
        if (!parent.TryGetProperty(property, out JsonElement element) || element.ValueKind == JsonValueKind.Null)
        {
            return list;
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            issues.Error(MappingCodes.PropertyInvalid, location + " " + property);
            return list;
        }

        foreach (JsonElement item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                issues.Error(MappingCodes.PropertyInvalid, location + " " + property);
                continue;
            }

            list.Add(item.GetString()!);
        }

        return list;
    }

    private static List<(string Key, string Value)> ReadStringMap(JsonElement parent, string property, string location, IssueList issues)
    {
        var list = new List<(string, string)>();
        if (!parent.TryGetProperty(property, out JsonElement element) || element.ValueKind == JsonValueKind.Null)
        {
            return list;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            issues.Error(MappingCodes.PropertyInvalid, location + " " + property);
            return list;
        }

        foreach (JsonProperty item in element.EnumerateObject())
        {
            switch (item.Value.ValueKind)
            {
                case JsonValueKind.String:
                    list.Add((item.Name, item.Value.GetString()!));
                    break;
                case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                    list.Add((item.Name, item.Value.GetRawText().ToLower(CultureInfo.InvariantCulture)));
                    break;
                default:
                    issues.Error(MappingCodes.PropertyInvalid, location + " " + property);
                    break;
            }
        }

        return list;
    }
}

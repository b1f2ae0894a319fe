namespace EcgBridge.Core.Mapping;

/// <summary>Stable codes for mapping-profile problems (docs/error-codes.md). Codes are never reused.</summary>
public static class MappingCodes
{
    /// <summary>The profile file is not valid JSON or not a JSON object; location names the profile.</summary>
    public const string JsonInvalid = "MAPPING-JSON-INVALID";

    /// <summary>A required profile property is missing or has the wrong JSON type; location names the property.</summary>
    public const string PropertyInvalid = "MAPPING-PROPERTY-INVALID";

    /// <summary>The profile's format is not one of <see cref="MappingFormat"/>.</summary>
    public const string FormatUnknown = "MAPPING-FORMAT-UNKNOWN";

    /// <summary>A lead alias points at something that is not a standard lead name.</summary>
    public const string LeadAliasInvalid = "MAPPING-LEAD-ALIAS-INVALID";

    /// <summary>A unit alias factor is not a positive finite number.</summary>
    public const string UnitAliasInvalid = "MAPPING-UNIT-ALIAS-INVALID";

    /// <summary>Two profiles share one name; the later one is ignored (warning).</summary>
    public const string NameDuplicate = "MAPPING-NAME-DUPLICATE";

    /// <summary>The mappings folder does not exist; location names the folder. The product refuses to start.</summary>
    public const string DirectoryMissing = "MAPPING-DIRECTORY-MISSING";

    /// <summary>The mappings folder holds no usable profile; location names the folder. The product refuses to start.</summary>
    public const string NoneLoaded = "MAPPING-NONE-LOADED";

    /// <summary>The profile's name differs from its file name (profiles are named by file); location names the file.</summary>
    public const string NameMismatch = "MAPPING-NAME-MISMATCH";
}

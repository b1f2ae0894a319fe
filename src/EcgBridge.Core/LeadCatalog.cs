using System.Diagnostics.CodeAnalysis;

namespace EcgBridge.Core;

/// <summary>Names, MDC codes (ISO/IEEE 11073-10101) and default aliases of the 12 standard leads.</summary>
public static class LeadCatalog
{
    /// <summary>Number of standard leads.</summary>
    public const int Count = 12;

    /// <summary>FHIR system URI of the MDC nomenclature as an OID.</summary>
    public const string MdcOidSystem = "urn:oid:2.16.840.1.113883.6.24";

    /// <summary>FHIR system URI of the MDC nomenclature as an ISO URN.</summary>
    public const string MdcIsoSystem = "urn:iso:std:iso:11073:10101";

    private static readonly int[] MdcCodes =
    [
        131329, 131330, 131389, 131390, 131391, 131392, 131331, 131332, 131333, 131334, 131335, 131336,
    ];

    private static readonly string[] DisplayNames = ["I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6"];

    private static readonly string[] MdcNames =
    [
        "MDC_ECG_LEAD_I", "MDC_ECG_LEAD_II", "MDC_ECG_LEAD_III", "MDC_ECG_LEAD_AVR", "MDC_ECG_LEAD_AVL", "MDC_ECG_LEAD_AVF",
        "MDC_ECG_LEAD_V1", "MDC_ECG_LEAD_V2", "MDC_ECG_LEAD_V3", "MDC_ECG_LEAD_V4", "MDC_ECG_LEAD_V5", "MDC_ECG_LEAD_V6",
    ];

    private static readonly Dictionary<string, Lead> Aliases = BuildAliases();

    /// <summary>All leads in tensor order.</summary>
    public static ReadOnlySpan<Lead> All => new[]
    {
        Lead.I, Lead.II, Lead.III, Lead.AVR, Lead.AVL, Lead.AVF, Lead.V1, Lead.V2, Lead.V3, Lead.V4, Lead.V5, Lead.V6,
    };

    /// <summary>The MDC code of a lead (e.g. 131329 for I).</summary>
    public static int MdcCode(Lead lead) => MdcCodes[(int)lead];

    /// <summary>The MDC reference id of a lead (e.g. MDC_ECG_LEAD_I).</summary>
    public static string MdcName(Lead lead) => MdcNames[(int)lead];

    /// <summary>The conventional display name (I, II, III, aVR, aVL, aVF, V1–V6).</summary>
    public static string DisplayName(Lead lead) => DisplayNames[(int)lead];

    /// <summary>Finds the lead with an MDC code.</summary>
    public static bool TryFromMdcCode(int code, out Lead lead)
    {
        int index = Array.IndexOf(MdcCodes, code);
        lead = (Lead)Math.Max(index, 0);
        return index >= 0;
    }

    /// <summary>
    /// Finds a lead by a name real feeds use: "I", "i", "Lead II", "AVR", "avr", "MDC_ECG_LEAD_V1", an MDC code as text.
    /// Feed-specific aliases belong in mapping profiles; this is the default set.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Lead lead)
    {
        ReadOnlySpan<char> trimmed = text.Trim();
        if (int.TryParse(trimmed, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int code))
        {
            return TryFromMdcCode(code, out lead);
        }

        Dictionary<string, Lead>.AlternateLookup<ReadOnlySpan<char>> lookup = Aliases.GetAlternateLookup<ReadOnlySpan<char>>();
        return lookup.TryGetValue(trimmed, out lead);
    }

    /// <summary>Parses or throws; for fixed tables in code, not for input.</summary>
    public static Lead Parse(string text) =>
        TryParse(text, out Lead lead) ? lead : ThrowUnknown(text);

    [DoesNotReturn]
    private static Lead ThrowUnknown(string text) => throw new ArgumentException($"Unknown lead name '{text}'.", nameof(text));

    private static Dictionary<string, Lead> BuildAliases()
    {
        var map = new Dictionary<string, Lead>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < Count; i++)
        {
            var lead = (Lead)i;
            map[DisplayNames[i]] = lead;
            map[MdcNames[i]] = lead;
            map["Lead " + DisplayNames[i]] = lead;
            map["Lead_" + DisplayNames[i]] = lead;
        }

        return map;
    }
}

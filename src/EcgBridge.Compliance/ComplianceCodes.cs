namespace EcgBridge.Compliance;

/// <summary>
/// Stable codes for refused compliance queries (audit search and export; docs/error-codes.md). The location is the
/// parameter name (<c>patient</c>, <c>take</c>), never its value. Codes are never reused.
/// </summary>
public static class ComplianceCodes
{
    /// <summary>A filter value is longer than its limit (<see cref="ComplianceFilterParser.MaxTextLength"/>).</summary>
    public const string FilterTooLong = "COMPLIANCE-FILTER-TOO-LONG";

    /// <summary>
    /// A filter value contains characters no identifier of ours contains: quotes, semicolons, backslashes, comment
    /// markers, control characters (the shape of SQL injection). Values are bound as parameters anyway.
    /// </summary>
    public const string FilterCharacters = "COMPLIANCE-FILTER-CHARACTERS";

    /// <summary>A value is not one of the allowed ones (outcome, risk) or not a number/time where one is expected.</summary>
    public const string FilterValueInvalid = "COMPLIANCE-FILTER-VALUE-INVALID";

    /// <summary>The parameter is not a known filter.</summary>
    public const string FilterUnknown = "COMPLIANCE-FILTER-UNKNOWN";

    /// <summary><c>from</c> is not before <c>to</c>: the time range is empty.</summary>
    public const string RangeEmpty = "COMPLIANCE-RANGE-EMPTY";

    /// <summary><c>skip</c> is negative, or <c>take</c> is below 1 or above its limit.</summary>
    public const string PageOutOfRange = "COMPLIANCE-PAGE-OUT-OF-RANGE";
}

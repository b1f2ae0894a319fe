namespace EcgBridge.Formats;

/// <summary>Codes shared by the vendor-file decoders (docs/error-codes.md). Codes are never reused.</summary>
public static class FormatCodes
{
    /// <summary>Warning: the file states local wall-clock times and the profile names no <c>timeZone</c>; UTC was assumed.</summary>
    public const string ZoneAssumedUtc = "FILE-TIMEZONE-ASSUMED-UTC";
}

namespace EcgBridge.Formats.Xml;

/// <summary>Stable codes for XML ECG files that cannot be read safely (docs/error-codes.md). Codes are never reused.</summary>
public static class XmlCodes
{
    /// <summary>The file is not well-formed XML (truncated, bad characters, undeclared entity).</summary>
    public const string Malformed = "XML-MALFORMED";

    /// <summary>The file declares entities (internal DTD subset): never expanded, never fetched, refused.</summary>
    public const string EntityRefused = "XML-ENTITY-REFUSED";

    /// <summary>Elements nest deeper than the reader allows (64).</summary>
    public const string TooDeep = "XML-TOO-DEEP";

    /// <summary>The file is larger than the reader allows (64 MiB of characters).</summary>
    public const string TooLarge = "XML-TOO-LARGE";

    /// <summary>The root element is not the one this profile reads; location names the root found.</summary>
    public const string RootUnexpected = "XML-ROOT-UNEXPECTED";
}

namespace EcgBridge.Wfdb;

/// <summary>Stable codes for WFDB record problems (docs/error-codes.md).</summary>
public static class WfdbCodes
{
    /// <summary>The header is missing, unreadable or malformed; location names the header line.</summary>
    public const string HeaderInvalid = "WFDB-HEADER-INVALID";

    /// <summary>The signal storage format is not supported (only 16 and 16 with a byte offset are).</summary>
    public const string FormatUnsupported = "WFDB-FORMAT-UNSUPPORTED";

    /// <summary>A signal file named by the header is missing.</summary>
    public const string FileMissing = "WFDB-FILE-MISSING";

    /// <summary>The header names a signal file other than the record's own; the record's own file was read (warning).</summary>
    public const string FileRenamed = "WFDB-FILE-RENAMED";

    /// <summary>The signal file holds fewer samples than the header says.</summary>
    public const string DataTruncated = "WFDB-DATA-TRUNCATED";
}

namespace EcgBridge.Cli.Input;

/// <summary>Stable codes for command-line input problems (docs/error-codes.md).</summary>
internal static class InputCodes
{
    /// <summary>The input's format is not recognised, or its reader is not built into this version.</summary>
    public const string InputUnsupported = "CLI-INPUT-UNSUPPORTED";

    /// <summary>The input file could not be opened or read.</summary>
    public const string InputUnreadable = "CLI-INPUT-UNREADABLE";
}

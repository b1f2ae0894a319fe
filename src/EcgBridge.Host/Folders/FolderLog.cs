namespace EcgBridge.Host.Folders;

/// <summary>Source-generated logs of the folder channel (EventIds 7070–7079): folder names, codes, outcomes — never file contents or names of patients.</summary>
internal static partial class FolderLog
{
    [LoggerMessage(EventId = 7070, Level = LogLevel.Information, Message = "Watching folder {Folder} every {PollSeconds} s")]
    public static partial void Watching(ILogger logger, string folder, double pollSeconds);

    [LoggerMessage(EventId = 7071, Level = LogLevel.Information, Message = "Folder {Folder}: file finished as {Outcome} {Code}")]
    public static partial void Finished(ILogger logger, string folder, string outcome, string code);

    [LoggerMessage(EventId = 7072, Level = LogLevel.Warning, Message = "Folder {Folder}: a file could not be read ({Code}); it is tried again")]
    public static partial void Unreadable(ILogger logger, string folder, string code);

    [LoggerMessage(EventId = 7073, Level = LogLevel.Warning, Message = "Folder {Folder}: scan failed ({ExceptionType}); next scan after the poll interval")]
    public static partial void ScanFailed(ILogger logger, string folder, string exceptionType);
}

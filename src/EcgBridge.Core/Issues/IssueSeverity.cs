namespace EcgBridge.Core.Issues;

/// <summary>How bad an issue is. Error and Fatal reject the message; Warning and Information are recorded.</summary>
public enum IssueSeverity
{
    Information = 0,
    Warning = 1,
    Error = 2,
    Fatal = 3,
}

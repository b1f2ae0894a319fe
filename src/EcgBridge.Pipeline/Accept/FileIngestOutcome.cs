namespace EcgBridge.Pipeline.Accept;

/// <summary>Outcome of accepting one file.</summary>
public enum FileIngestOutcome
{
    /// <summary>Recorded and queued for scoring.</summary>
    Accepted = 0,

    /// <summary>The same content was accepted or rejected before; nothing new was done.</summary>
    Duplicate = 1,

    /// <summary>Rejected with codes; an audit row records it.</summary>
    Rejected = 2,

    /// <summary>An infrastructure fault: nothing was recorded; the file stays claimed and is tried again.</summary>
    Unavailable = 3,
}

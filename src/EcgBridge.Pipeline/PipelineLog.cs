namespace EcgBridge.Pipeline;

/// <summary>Source-generated logs of the pipeline steps (EventIds 7010–7049, as before the split): codes, counts, durations only — never PHI.</summary>
internal static partial class PipelineLog
{
    [LoggerMessage(EventId = 7010, Level = LogLevel.Information, Message = "Accepted {Channel} message in {ElapsedMs:F1} ms")]
    public static partial void Accepted(ILogger logger, string channel, double elapsedMs);

    [LoggerMessage(EventId = 7011, Level = LogLevel.Information, Message = "Duplicate {Channel} message answered as before")]
    public static partial void Duplicate(ILogger logger, string channel);

    [LoggerMessage(EventId = 7012, Level = LogLevel.Warning, Message = "Rejected {Channel} message: {Codes}")]
    public static partial void Rejected(ILogger logger, string channel, string codes);

    [LoggerMessage(EventId = 7013, Level = LogLevel.Error, Message = "Could not make a {Channel} message durable ({ExceptionType}); answered as an error, the sender must resend")]
    public static partial void AcceptFailed(ILogger logger, string channel, string exceptionType);

    [LoggerMessage(EventId = 7040, Level = LogLevel.Information, Message = "Processing {Channel} message took {ElapsedMs:F1} ms (decode {DecodeMs:F1}, normalize {NormalizeMs:F1}, score {ScoreMs:F1})")]
    public static partial void Processed(ILogger logger, string channel, double elapsedMs, double decodeMs, double normalizeMs, double scoreMs);

    [LoggerMessage(EventId = 7041, Level = LogLevel.Warning, Message = "Shadow model {Model} could not score or record a {Channel} message ({ExceptionType}); the primary's result stands")]
    public static partial void ShadowFailed(ILogger logger, string model, string channel, string exceptionType);
}

using Microsoft.Extensions.Logging;

namespace EcgBridge.Messaging;

/// <summary>Source-generated logs of the messaging adapter (EventIds 7100–7199): codes, channels, durations only.</summary>
internal static partial class MessagingLog
{
    [LoggerMessage(EventId = 7100, Level = LogLevel.Debug, Message = "ScoreEcg from {Channel} scored and recorded in {ElapsedMs:F1} ms")]
    public static partial void Scored(ILogger logger, string channel, double elapsedMs);

    [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "ScoreEcg from {Channel} was already recorded; nothing done")]
    public static partial void AlreadyRecorded(ILogger logger, string channel);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Warning, Message = "ScoreEcg from {Channel} rejected while scoring: {Codes}")]
    public static partial void RejectedLate(ILogger logger, string channel, string codes);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Information, Message = "Bus transport: {Transport}")]
    public static partial void Transport(ILogger logger, string transport);
}

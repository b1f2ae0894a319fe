namespace EcgBridge.Host.Telemetry;

/// <summary>Source-generated logs of the telemetry wiring (EventIds 7900–7919): what is exported, sample failures.</summary>
internal static partial class TelemetryLog
{
    [LoggerMessage(EventId = 7900, Level = LogLevel.Debug, Message = "Telemetry {What} sample skipped ({ExceptionType})")]
    public static partial void SampleFailed(ILogger logger, string what, string exceptionType);
}

using Microsoft.Extensions.Logging;

namespace EcgBridge.Inference;

/// <summary>Source-generated log messages of the inference adapter (EventId 5000-5099): ids, counts and durations only.</summary>
internal static partial class InferenceLog
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Information,
        Message = "Model {ModelName} {ModelVersion} loaded (sha256 {Sha256}) in {ElapsedMs} ms; warm-up {WarmUpMs} ms")]
    public static partial void ModelLoaded(ILogger logger, string modelName, string modelVersion, string sha256, long elapsedMs, long warmUpMs);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Debug, Message = "Scored batch of {BatchSize} in {ElapsedMs} ms")]
    public static partial void BatchScored(ILogger logger, int batchSize, double elapsedMs);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Error, Message = "Batch of {BatchSize} failed in the model session ({ExceptionType})")]
    public static partial void BatchFailed(ILogger logger, int batchSize, string exceptionType);
}

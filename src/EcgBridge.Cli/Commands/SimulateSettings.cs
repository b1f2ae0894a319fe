namespace EcgBridge.Cli.Commands;

/// <summary>The parsed options of <c>ecgbridge simulate</c>.</summary>
internal sealed record SimulateSettings(
    int Count,
    double OmiFraction,
    ulong Seed,
    double RateHz,
    double DurationSeconds,
    string Format,
    string? Out,
    string? To,
    double? MessagesPerSecond,
    int Retries,
    string? Token = null,
    SimulateTlsSettings? Tls = null);

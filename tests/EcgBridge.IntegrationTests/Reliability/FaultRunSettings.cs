using System.Globalization;

namespace EcgBridge.IntegrationTests.Reliability;

/// <summary>
/// Size of a fault run. CI uses the defaults; tests/reliability/fault-run.sh sets <c>ECGB_FAULT_*</c> for the full run.
/// </summary>
internal sealed record FaultRunSettings
{
    /// <summary>Messages to send (each a distinct control id).</summary>
    public int Messages { get; init; } = 300;

    /// <summary>Concurrent MLLP senders, one connection each.</summary>
    public int Senders { get; init; } = 8;

    /// <summary>How long PostgreSQL stays stopped.</summary>
    public TimeSpan PostgresPause { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>The scorer: a stand-in (<c>fixed-cost:20ms</c>) or empty for the real model.</summary>
    public string StandIn { get; init; } = "fixed-cost:20ms";

    /// <summary>A sender waits this long for an ACK before it drops the connection and resends.</summary>
    public TimeSpan AckTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Where to write the figures (Markdown), if anywhere.</summary>
    public string? ReportPath { get; init; }

    /// <summary>The whole run, results included, must finish within this.</summary>
    public TimeSpan Deadline { get; init; } = TimeSpan.FromMinutes(6);

    public static FaultRunSettings FromEnvironment()
    {
        var settings = new FaultRunSettings();
        if (Read("ECGB_FAULT_N") is { } n)
        {
            settings = settings with { Messages = int.Parse(n, CultureInfo.InvariantCulture) };
        }

        if (Read("ECGB_FAULT_SENDERS") is { } senders)
        {
            settings = settings with { Senders = int.Parse(senders, CultureInfo.InvariantCulture) };
        }

        if (Read("ECGB_FAULT_PG_PAUSE_SECONDS") is { } pause)
        {
            settings = settings with { PostgresPause = TimeSpan.FromSeconds(double.Parse(pause, CultureInfo.InvariantCulture)) };
        }

        if (Environment.GetEnvironmentVariable("ECGB_FAULT_STANDIN") is { } standIn)
        {
            settings = settings with { StandIn = standIn };
        }

        if (Read("ECGB_FAULT_DEADLINE_MINUTES") is { } minutes)
        {
            settings = settings with { Deadline = TimeSpan.FromMinutes(double.Parse(minutes, CultureInfo.InvariantCulture)) };
        }

        return settings with { ReportPath = Read("ECGB_FAULT_REPORT") };
    }

    private static string? Read(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}

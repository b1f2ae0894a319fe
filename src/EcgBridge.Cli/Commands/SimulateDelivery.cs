namespace EcgBridge.Cli.Commands;

/// <summary>What happened to one sent message.</summary>
internal enum SimulateDelivery
{
    /// <summary>The receiver accepted it (MSA-1 AA/CA, HTTP 2xx).</summary>
    Acknowledged,

    /// <summary>The receiver answered with a rejection (MSA-1 AE/AR/CE/CR, HTTP 4xx) or an unreadable answer.</summary>
    Rejected,

    /// <summary>It could not be delivered after all retries.</summary>
    Failed,
}

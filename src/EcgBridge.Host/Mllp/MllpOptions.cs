using System.ComponentModel.DataAnnotations;

namespace EcgBridge.Host.Mllp;

/// <summary>MLLP listener settings (<c>EcgBridge:Mllp</c>).</summary>
public sealed class MllpOptions
{
    public const string SectionName = "EcgBridge:Mllp";

    /// <summary>False turns the listener off.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Address to bind; loopback by default (configure <see cref="Tls"/> or a VPN for remote senders).</summary>
    [Required]
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>TCP port; 0 picks a free port (tests).</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 2575;

    /// <summary>Connections served at once; more are closed on accept.</summary>
    [Range(1, 100_000)]
    public int MaxConnections { get; set; } = 256;

    /// <summary>Connections one peer address may hold at once; more from that address are closed on accept.</summary>
    [Range(1, 100_000)]
    public int MaxConnectionsPerPeer { get; set; } = 32;

    /// <summary>
    /// The last this-many free slots go only to peers that hold no connection yet, so a sender can still connect while
    /// other addresses flood the listener.
    /// </summary>
    [Range(0, 100_000)]
    public int ReservedConnections { get; set; } = 16;

    /// <summary>Largest frame accepted; a longer one closes the connection (a 12-lead 10 s ORU is about 0.3 MB).</summary>
    [Range(1024, 256 * 1024 * 1024)]
    public int MaxFrameBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// A connection with no complete frame for this long is closed; bytes outside frames (junk, keep-alive noise) do
    /// not reset the clock, so a trickle of junk cannot hold a slot.
    /// </summary>
    [Range(1, 86_400)]
    public int IdleTimeoutSeconds { get; set; } = 300;

    /// <summary>A frame must complete within this many seconds of its first byte (stops slow senders holding buffers).</summary>
    [Range(1, 3600)]
    public int FrameTimeoutSeconds { get; set; } = 30;

    /// <summary>TLS settings (<c>EcgBridge:Mllp:Tls</c>); plain TCP unless a certificate is configured.</summary>
    public MllpTlsOptions Tls { get; set; } = new();
}

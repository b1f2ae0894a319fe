namespace EcgBridge.Host.Mllp;

/// <summary>Why an MLLP connection ended or was refused: a bounded set for logs and metric tags.</summary>
internal static class MllpCloseReasons
{
    public const string IdleTimeout = "idle-timeout";
    public const string FrameTimeout = "frame-timeout";
    public const string FrameTooLarge = "frame-too-large";
    public const string Stopping = "stopping";
    public const string IoError = "io-error";
    public const string SocketError = "socket-error";
    public const string ListenerFull = "listener-full";
    public const string PeerLimit = "peer-limit";
    public const string ReserveOnly = "reserve-only";
}

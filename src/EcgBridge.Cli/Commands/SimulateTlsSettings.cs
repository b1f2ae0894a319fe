namespace EcgBridge.Cli.Commands;

/// <summary>
/// TLS for <c>ecgbridge simulate --mllp-tls</c>: trust the server by a CA PEM file (<see cref="CaPath"/>), by the system
/// store, or not at all (<see cref="InsecureSkipVerify"/>, test certificates only); optional client certificate.
/// </summary>
internal sealed record SimulateTlsSettings(string? CaPath, bool InsecureSkipVerify, string? ClientCertificatePath);

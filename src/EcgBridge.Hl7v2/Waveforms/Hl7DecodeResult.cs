using EcgBridge.Core;
using EcgBridge.Core.Mapping;
using EcgBridge.Hl7v2.Parsing;

namespace EcgBridge.Hl7v2.Waveforms;

/// <summary>
/// What decoding produced: the header (for the ACK; null only when MSH was unreadable), the selected profile and, on
/// success, the recording. The recording's <see cref="EcgSource"/> holds PHI: never log it.
/// </summary>
public sealed class Hl7DecodeResult
{
    internal Hl7DecodeResult(Hl7MessageHeader? header, MappingProfile? profile, EcgRecording? recording)
    {
        Header = header;
        Profile = profile;
        Recording = recording;
    }

    /// <summary>The answered message's MSH, or null when it could not be read.</summary>
    public Hl7MessageHeader? Header { get; }

    /// <summary>The profile that drove decoding, when one was selected.</summary>
    public MappingProfile? Profile { get; }

    /// <summary>The decoded ECG, when decoding succeeded.</summary>
    public EcgRecording? Recording { get; }
}

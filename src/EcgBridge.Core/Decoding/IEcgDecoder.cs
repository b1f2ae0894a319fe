using System.Diagnostics.CodeAnalysis;
using EcgBridge.Core.Issues;
using EcgBridge.Core.Mapping;

namespace EcgBridge.Core.Decoding;

/// <summary>
/// One source format → <see cref="EcgRecording"/>, driven by a mapping profile. Bad input is data: coded issues (code,
/// severity, location such as <c>LeadData[3]/WaveFormData</c> or <c>(003A,0200)[2]</c>), never the value, never an
/// exception. Implementations are stateless and thread-safe.
/// </summary>
public interface IEcgDecoder
{
    /// <summary>The profile format this decoder serves.</summary>
    MappingFormat Format { get; }

    /// <summary>
    /// Decodes one file or embedded payload. Returns true with a recording when no error issue was added; leads are in
    /// mV at the source rate, mapped to standard leads through <paramref name="profile"/> (limb leads derived when the
    /// format stores only I and II).
    /// </summary>
    bool TryDecode(ReadOnlyMemory<byte> content, MappingProfile profile, IssueList issues, [NotNullWhen(true)] out EcgRecording? recording);
}

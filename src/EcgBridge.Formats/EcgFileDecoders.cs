using EcgBridge.Core.Decoding;
using EcgBridge.Core.Mapping;
using EcgBridge.Formats.Aecg;
using EcgBridge.Formats.Muse;

namespace EcgBridge.Formats;

/// <summary>The vendor-file decoders this build has, one per <see cref="MappingFormat"/>.</summary>
public static class EcgFileDecoders
{
    /// <summary>Every vendor-file decoder (stateless, shared).</summary>
    public static IReadOnlyList<IEcgDecoder> All { get; } =
    [
        new GeMuseXmlDecoder(),
        new AecgDecoder(),
        new Philips.PhilipsXmlDecoder(),
        new Dicom.DicomEcgDecoder(),
    ];

    /// <summary>The decoder for a format, or null.</summary>
    public static IEcgDecoder? For(MappingFormat format)
    {
        foreach (IEcgDecoder decoder in All)
        {
            if (decoder.Format == format)
            {
                return decoder;
            }
        }

        return null;
    }
}

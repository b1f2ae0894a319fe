using EcgBridge.Core.Decoding;
using EcgBridge.Hl7v2.Files;
using EcgBridge.Pipeline.Files;

namespace EcgBridge.Cli.Input;

/// <summary>The vendor-file decoding the CLI shares with the service: the shipped profiles, the same decoders.</summary>
internal static class CliVendorFiles
{
    private static readonly Lazy<VendorFileDecoding> Decoding = new(() =>
        VendorFileDecoding.Create(MappingProfileFiles.LoadStrict(MappingProfileFiles.FindDefaultDirectory()).Profiles));

    /// <summary>Decoding of vendor files alone and embedded.</summary>
    public static VendorFileDecoding Files => Decoding.Value;

    /// <summary>The hook for HL7 OBX ED and FHIR attachments.</summary>
    public static EmbeddedEcgDecoder Embedded => Decoding.Value.Embedded;
}

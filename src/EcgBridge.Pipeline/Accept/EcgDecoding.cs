using EcgBridge.Core.Mapping;
using EcgBridge.Core.Normalization;
using EcgBridge.Core.Scoring;
using EcgBridge.Hl7v2.Files;
using EcgBridge.Pipeline.Files;

using EcgBridge.Fhir.Decoding;

namespace EcgBridge.Pipeline.Accept;

/// <summary>
/// What decoding needs from the deployment: the model's preprocessing and thresholds (its manifest) and the mapping
/// profiles (the shipped mappings/ beside the application, or <c>EcgBridge:MappingsDirectory</c>).
/// </summary>
public sealed class EcgDecoding
{
    public EcgDecoding(PreprocessingOptions preprocessing, RiskThresholds thresholds, MappingCatalog mappings)
    {
        ArgumentNullException.ThrowIfNull(preprocessing);
        ArgumentNullException.ThrowIfNull(thresholds);
        ArgumentNullException.ThrowIfNull(mappings);
        Preprocessing = preprocessing;
        Thresholds = thresholds;
        Profiles = mappings.Profiles;
        Files = VendorFileDecoding.Create(mappings.Profiles);
    }

    /// <summary>Preprocessing v1 parameters of the deployed model.</summary>
    public PreprocessingOptions Preprocessing { get; }

    /// <summary>The deployed model's thresholds.</summary>
    public RiskThresholds Thresholds { get; }

    /// <summary>Vendor-file decoding (MUSE, Philips, aECG, DICOM) for files alone or embedded; null when not wired.</summary>
    public VendorFileDecoding? Files { get; }

    /// <summary>Limits and checks applied to FHIR bodies (<c>ValidateProfile</c> from <c>EcgBridge:Fhir:ValidateIncoming</c>).</summary>
    public FhirDecoderOptions FhirOptions { get; init; } = FhirDecoderOptions.Default;

    /// <summary>The mapping profiles (loaded strictly at start), in selection order.</summary>
    public MappingProfileSet Profiles { get; }
}

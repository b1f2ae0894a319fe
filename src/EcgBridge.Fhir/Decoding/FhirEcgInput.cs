using EcgBridge.Core;
using Hl7.Fhir.Model;

namespace EcgBridge.Fhir.Decoding;

/// <summary>
/// One ECG found in a FHIR body, decoded: an Observation with SampledData, or a DocumentReference / Media whose
/// attachment carries a vendor ECG file. Contains PHI (the resource and the recording's source): never log it.
/// </summary>
public sealed class FhirEcgInput
{
    internal FhirEcgInput(EcgRecording recording, DomainResource resource, List<Identifier> identifiers, string location, string? fullUrl)
    {
        Recording = recording;
        Resource = resource;
        Identifiers = identifiers;
        Location = location;
        FullUrl = fullUrl;
    }

    /// <summary>The decoded leads in mV, with source ids and acquisition time.</summary>
    public EcgRecording Recording { get; }

    /// <summary>The resource the ECG came in (for RiskAssessment.basis and Provenance.entity).</summary>
    public DomainResource Resource { get; }

    /// <summary>The resource's business identifiers.</summary>
    public IReadOnlyList<Identifier> Identifiers { get; }

    /// <summary>The Observation, when the ECG came as one (null for DocumentReference / Media).</summary>
    public Observation? Observation => Resource as Observation;

    /// <summary>The literal reference of the resource when it has an id (<c>Observation/x</c>, <c>DocumentReference/y</c>).</summary>
    public string? Reference => string.IsNullOrEmpty(Resource.Id) ? null : Resource.TypeName + "/" + Resource.Id;

    /// <summary>FHIRPath of the Observation in the body: <c>Observation</c> or <c>Bundle.entry[2].resource</c>.</summary>
    public string Location { get; }

    /// <summary>Bundle.entry.fullUrl of the Observation, when it came in a Bundle.</summary>
    public string? FullUrl { get; }

    /// <summary>
    /// The part of the dedupe key that identifies the Observation (DESIGN.md "Reliability rules"): the first identifier
    /// (<c>identifier|system|value</c>), else id and version (<c>id|Observation/x/_history/2</c>), else null.
    /// Combine with <see cref="WaveformSha256"/>.
    /// </summary>
    public string? IdentityKey
    {
        get
        {
            foreach (Identifier identifier in Identifiers)
            {
                if (!string.IsNullOrEmpty(identifier.Value))
                {
                    return $"identifier|{identifier.System}|{identifier.Value}";
                }
            }

            if (!string.IsNullOrEmpty(Resource.Id))
            {
                string version = Resource.Meta?.VersionId ?? "";
                return $"id|{Resource.TypeName}/{Resource.Id}/_history/{version}";
            }

            return null;
        }
    }

    /// <summary>Lowercase hex SHA-256 of the decoded waveform (lead numbers and little-endian float64 mV samples).</summary>
    public string WaveformSha256 => WaveformHash.Sha256Hex(Recording);
}

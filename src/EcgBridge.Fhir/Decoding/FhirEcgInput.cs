using EcgBridge.Core;
using Hl7.Fhir.Model;

namespace EcgBridge.Fhir.Decoding;

/// <summary>
/// One ECG Observation found in a FHIR body, decoded. Contains PHI (the Observation and the recording's source):
/// never log it.
/// </summary>
public sealed class FhirEcgInput
{
    internal FhirEcgInput(EcgRecording recording, Observation observation, string location, string? fullUrl)
    {
        Recording = recording;
        Observation = observation;
        Location = location;
        FullUrl = fullUrl;
    }

    /// <summary>The decoded leads in mV, with source ids and acquisition time.</summary>
    public EcgRecording Recording { get; }

    /// <summary>The parsed Observation (for RiskAssessment.basis and Provenance.entity).</summary>
    public Observation Observation { get; }

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
            foreach (Identifier identifier in Observation.Identifier)
            {
                if (!string.IsNullOrEmpty(identifier.Value))
                {
                    return $"identifier|{identifier.System}|{identifier.Value}";
                }
            }

            if (!string.IsNullOrEmpty(Observation.Id))
            {
                string version = Observation.Meta?.VersionId ?? "";
                return $"id|Observation/{Observation.Id}/_history/{version}";
            }

            return null;
        }
    }

    /// <summary>Lowercase hex SHA-256 of the decoded waveform (lead numbers and little-endian float64 mV samples).</summary>
    public string WaveformSha256 => WaveformHash.Sha256Hex(Recording);
}

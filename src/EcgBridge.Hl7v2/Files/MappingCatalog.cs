using EcgBridge.Core.Issues;
using EcgBridge.Core.Mapping;

namespace EcgBridge.Hl7v2.Files;

/// <summary>The profiles of a mappings folder as loaded at start, with every problem found (any error refuses start).</summary>
public sealed record MappingCatalog(MappingProfileSet Profiles, IssueList Problems, string? Directory)
{
    /// <summary>True when the product must not start on this folder.</summary>
    public bool Refused => Problems.HasErrors || Profiles.Profiles.Count == 0;

    /// <summary>Profiles for HL7 v2 waveform decoders.</summary>
    public int Hl7Count => Count(MappingFormat.Hl7v2Pcd01, MappingFormat.Hl7v2Waveform) + Count(MappingFormat.Hl7v2EmbeddedFile, MappingFormat.Hl7v2EmbeddedFile);

    /// <summary>Profiles for FHIR Observation decoders.</summary>
    public int FhirCount => Count(MappingFormat.FhirComponents, MappingFormat.FhirInterleaved);

    /// <summary>Profiles for vendor ECG files (MUSE, Philips, aECG, DICOM).</summary>
    public int FileCount => Profiles.Profiles.Count - Hl7Count - FhirCount;

    /// <summary>The lines a refusing command prints on stderr: <c>refused: CODE file</c>.</summary>
    public IEnumerable<string> RefusalLines()
    {
        foreach (Issue issue in Problems)
        {
            if (issue.IsError)
            {
                yield return "refused: " + issue.Code + " " + issue.Location;
            }
        }
    }

    private int Count(MappingFormat first, MappingFormat second)
    {
        int count = 0;
        foreach (MappingProfile profile in Profiles.Profiles)
        {
            if (profile.Format == first || profile.Format == second)
            {
                count++;
            }
        }

        return count;
    }
}

namespace EcgBridge.Core.Mapping;

/// <summary>Which decoder a mapping profile drives.</summary>
public enum MappingFormat
{
    /// <summary>HL7 v2 ORU^R01, IHE PCD-01 style: one NA OBX per lead with child sample-rate / data-range OBX.</summary>
    Hl7v2Pcd01 = 0,

    /// <summary>HL7 v2 chapter 7 waveform: CD channel definitions, TS start, MA multiplexed or NA per channel.</summary>
    Hl7v2Waveform = 1,

    /// <summary>FHIR R4 Observation, one component per lead with valueSampledData.</summary>
    FhirComponents = 2,

    /// <summary>FHIR R4 Observation, one valueSampledData with dimensions = number of leads, interleaved.</summary>
    FhirInterleaved = 3,

    /// <summary>GE MUSE RestingECG XML file (Rhythm waveform, 8 stored leads, limb leads derived).</summary>
    GeMuseXml = 4,

    /// <summary>Philips SierraECG 1.03 / PhilipsECG 1.04 XML, parsed waveforms, XLI-compressed or plain.</summary>
    PhilipsXml = 5,

    /// <summary>HL7 v3 AnnotatedECG (FDA aECG) XML, rhythm series.</summary>
    Hl7Aecg = 6,

    /// <summary>DICOM 12-Lead ECG or General ECG Waveform object (Part 10 file), RHYTHM multiplex group.</summary>
    DicomEcg = 7,

    /// <summary>HL7 v2 ORU^R01 carrying a vendor ECG file in OBX-2 = ED (Base64 or Hex), decoded by a vendor-file profile.</summary>
    Hl7v2EmbeddedFile = 8,
}

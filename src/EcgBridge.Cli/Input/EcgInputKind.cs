namespace EcgBridge.Cli.Input;

/// <summary>What an input file holds, decided from its name (.hea) or its first bytes.</summary>
internal enum EcgInputKind
{
    /// <summary>Not recognised.</summary>
    Unknown = 0,

    /// <summary>A WFDB record given by its .hea header.</summary>
    Wfdb = 1,

    /// <summary>HL7 v2 message or batch (starts with MSH, FHS or BHS).</summary>
    Hl7v2 = 2,

    /// <summary>FHIR JSON or XML (starts with <c>{</c> or <c>&lt;</c>).</summary>
    Fhir = 3,

    /// <summary>A vendor ECG file: GE MUSE XML, Philips XML, HL7 aECG or DICOM ECG.</summary>
    VendorFile = 4,
}

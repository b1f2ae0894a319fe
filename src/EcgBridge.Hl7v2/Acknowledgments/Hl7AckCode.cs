namespace EcgBridge.Hl7v2.Acknowledgments;

/// <summary>MSA-1 acknowledgment codes (HL7 table 0008).</summary>
public enum Hl7AckCode
{
    /// <summary>Original mode: application accept.</summary>
    AA = 0,

    /// <summary>Original mode: application error (content).</summary>
    AE = 1,

    /// <summary>Original mode: application reject (type, event, version, unreadable).</summary>
    AR = 2,

    /// <summary>Enhanced mode: commit accept.</summary>
    CA = 3,

    /// <summary>Enhanced mode: commit error.</summary>
    CE = 4,

    /// <summary>Enhanced mode: commit reject.</summary>
    CR = 5,
}

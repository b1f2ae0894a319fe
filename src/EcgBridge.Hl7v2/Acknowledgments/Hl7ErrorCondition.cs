namespace EcgBridge.Hl7v2.Acknowledgments;

/// <summary>How one of our codes is answered: HL7 table 0357 code and text, and whether it rejects (AR) or errs (AE).</summary>
public readonly record struct Hl7ErrorCondition(int Code, string Text, bool Rejects);

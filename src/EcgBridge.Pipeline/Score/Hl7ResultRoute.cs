namespace EcgBridge.Pipeline.Score;

/// <summary>One HL7 v2 destination that receives an ORU^R01 per final result: its name and the MSH-4/5/6 to use.</summary>
public sealed record Hl7ResultRoute(string Name, string? ReceivingApplication, string? ReceivingFacility, string? SendingFacility);

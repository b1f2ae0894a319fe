namespace EcgBridge.Core.Audit;

/// <summary>Payload of an <see cref="OutboxKinds.Hl7Oru"/> row: the destination's name, the MSH-10 sent, the ORU^R01 text.</summary>
public sealed record Hl7OruDelivery(string Destination, string ControlId, string Message);

namespace EcgBridge.Host.Delivery.Hl7;

/// <summary>Outcome of one ORU^R01 send: delivered (AA/CA), refused (AR/CR), or to retry, with its code.</summary>
internal sealed record Hl7DeliveryResult(Hl7DeliveryStatus Status, string? Code);

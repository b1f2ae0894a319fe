namespace EcgBridge.Host.Delivery.Hl7;

/// <summary>What an ORU^R01 send came to.</summary>
internal enum Hl7DeliveryStatus
{
    Delivered = 0,
    Refused = 1,
    Retry = 2,
}

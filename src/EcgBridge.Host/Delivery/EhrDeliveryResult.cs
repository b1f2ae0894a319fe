namespace EcgBridge.Host.Delivery;

/// <summary>How one EHR delivery ended: delivered, refused for good (4xx), or to retry later.</summary>
public readonly record struct EhrDeliveryResult(EhrDeliveryStatus Status, int? HttpStatus);

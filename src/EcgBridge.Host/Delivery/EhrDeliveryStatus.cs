namespace EcgBridge.Host.Delivery;

/// <summary>Kinds of <see cref="EhrDeliveryResult"/>.</summary>
public enum EhrDeliveryStatus
{
    Delivered = 0,
    Refused = 1,
    RetryLater = 2,
}

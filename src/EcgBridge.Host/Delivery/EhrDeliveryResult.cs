namespace EcgBridge.Host.Delivery;

/// <summary>How one EHR delivery ended: delivered, refused for good (4xx), or to retry later; <see cref="Code"/> names an auth failure.</summary>
public readonly record struct EhrDeliveryResult(EhrDeliveryStatus Status, int? HttpStatus)
{
    /// <summary>An <see cref="EhrAuthCodes"/> code when no token could be had (the EHR was not called).</summary>
    public string? Code { get; init; }
}

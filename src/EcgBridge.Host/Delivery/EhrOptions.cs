using System.ComponentModel.DataAnnotations;

namespace EcgBridge.Host.Delivery;

/// <summary>Where RiskAssessments are delivered (<c>EcgBridge:Ehr</c>). No base URL: results stay in the own FHIR API only.</summary>
public sealed class EhrOptions
{
    public const string SectionName = "EcgBridge:Ehr";

    /// <summary>FHIR base URL of the EHR, for example <c>https://ehr.example/fhir/</c>.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Timeout of one HTTP attempt.</summary>
    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 15;

    /// <summary>Retries (Polly, exponential backoff with jitter) inside one delivery attempt.</summary>
    [Range(0, 10)]
    public int RetryAttempts { get; set; } = 3;

    /// <summary>First backoff of the in-attempt retries, in milliseconds.</summary>
    [Range(1, 60_000)]
    public int RetryDelayMilliseconds { get; set; } = 200;

    /// <summary>Once an attempt's retries are spent, the row is due again after this many seconds × attempts (capped at <see cref="MaxRedeliverySeconds"/>).</summary>
    [Range(1, 3600)]
    public int RedeliverySeconds { get; set; } = 2;

    /// <summary>Cap of the between-attempt pause: an EHR down for hours is retried at this pace, never given up.</summary>
    [Range(1, 86_400)]
    public int MaxRedeliverySeconds { get; set; } = 60;

    /// <summary>Rows claimed per dispatcher pass.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 32;

    /// <summary>Deliveries in flight at once.</summary>
    [Range(1, 256)]
    public int Parallelism { get; set; } = 8;

    /// <summary>How often the dispatcher looks for due rows when nothing woke it, in milliseconds.</summary>
    [Range(10, 60_000)]
    public int PollMilliseconds { get; set; } = 500;

    /// <summary>
    /// How long a claimed row belongs to one dispatcher. A dispatcher that dies (kill -9) holds its rows this long, so
    /// it bounds the delivery delay after a crash; it must exceed one attempt (timeout × retries).
    /// </summary>
    [Range(5, 3600)]
    public int LeaseSeconds { get; set; } = 120;

    /// <summary>
    /// <c>transaction</c> (default): Device, RiskAssessment and Provenance in one transaction Bundle of conditional
    /// creates, posted to the base URL; <c>resource</c>: the RiskAssessment alone, for EHRs without transactions.
    /// </summary>
    public EhrDeliveryShape DeliverAs { get; set; } = EhrDeliveryShape.Transaction;

    /// <summary>True when an EHR is configured.</summary>
    public bool Configured => !string.IsNullOrWhiteSpace(BaseUrl);

    /// <summary>Authentication towards the EHR (<c>EcgBridge:Ehr:Auth</c>).</summary>
    public EhrAuthOptions Auth { get; set; } = new();
}

/// <summary>How results are posted to the EHR.</summary>
public enum EhrDeliveryShape
{
    /// <summary>A transaction Bundle: Device, RiskAssessment, Provenance.</summary>
    Transaction,

    /// <summary>The RiskAssessment alone.</summary>
    Resource,
}

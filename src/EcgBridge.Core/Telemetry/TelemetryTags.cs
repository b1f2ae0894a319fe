namespace EcgBridge.Core.Telemetry;

/// <summary>
/// Span attribute and metric tag keys. Metric tags take only low-cardinality values (channel, code, step, outcome);
/// message control ids and dedupe keys may appear on spans, never on metrics; patient data appears nowhere.
/// </summary>
public static class TelemetryTags
{
    /// <summary>How the message arrived: mllp, fhir-rest, amqp.</summary>
    public const string Channel = "ecgbridge.channel";

    /// <summary>Format of the message: hl7v2 or fhir.</summary>
    public const string Format = "ecgbridge.format";

    /// <summary>An EcgBridge error code (HL7-MSH-TRUNCATED, ECG-LEADS-MISSING, ...).</summary>
    public const string ErrorCode = "ecgbridge.error.code";

    /// <summary>All error codes of a rejection, comma-separated (spans only).</summary>
    public const string ErrorCodes = "ecgbridge.error.codes";

    /// <summary>A pipeline step: accept, decode, normalize, score, record, deliver.</summary>
    public const string Step = "ecgbridge.step";

    /// <summary>Why a connection ended or was refused (bounded set, e.g. idle-timeout, peer-limit).</summary>
    public const string Reason = "ecgbridge.reason";

    /// <summary>The outcome of a step (accepted, rejected, duplicate, failed, scored, delivered, refused, retry).</summary>
    public const string Outcome = "ecgbridge.outcome";

    /// <summary>HL7 acknowledgment code sent back (AA, AE, AR).</summary>
    public const string AckCode = "hl7.ack.code";

    /// <summary>MSH-10 of the message (spans only: unbounded cardinality).</summary>
    public const string MessageControlId = "hl7.message.control_id";

    /// <summary>Number of ECGs in a model batch.</summary>
    public const string BatchSize = "ecgbridge.inference.batch.size";

    /// <summary>Model name.</summary>
    public const string ModelName = "ecgbridge.model.name";

    /// <summary>Model version.</summary>
    public const string ModelVersion = "ecgbridge.model.version";

    /// <summary>Outbox row id (spans only).</summary>
    public const string OutboxId = "ecgbridge.outbox.id";

    /// <summary>Outbox row kind (ehr-riskassessment, bus-riskassessed).</summary>
    public const string OutboxKind = "ecgbridge.outbox.kind";

    /// <summary>A queue name (RabbitMQ).</summary>
    public const string Queue = "messaging.destination.name";

    /// <summary>The type name of an infrastructure exception (never its message).</summary>
    public const string ErrorType = "error.type";

    /// <summary>HTTP status answered by the EHR.</summary>
    public const string HttpStatus = "http.response.status_code";
}

using System.Text;
using EcgBridge.Core.Audit;
using EcgBridge.Core.Scoring;

namespace EcgBridge.TestSupport;

/// <summary>Audit inputs as the host builds them.</summary>
public static class AuditSamples
{
    // 7 ticks past the microsecond: stored truncated, and the hash must still verify.
    public static readonly DateTimeOffset Received = new DateTimeOffset(2026, 11, 23, 11, 59, 58, 123, 456, TimeSpan.Zero).AddTicks(7);

    public static AuditRecord Message(string dedupeKey, string? patientId = "PAT-0001") => new()
    {
        DedupeKey = dedupeKey,
        Channel = AuditChannel.Mllp,
        ReceivedAt = Received,
        SourceSystem = "CART^WARD3",
        MessageId = "MSG" + dedupeKey,
        RawSha256 = new string('a', 64),
        DecodeMilliseconds = 1.25,
        PatientId = patientId,
    };

    public static AuditRecord Scored(string dedupeKey) => Message(dedupeKey) with
    {
        FinishedAt = Received.AddMilliseconds(40),
        TensorSha256 = new string('b', 64),
        ModelName = "ecg-smart-net",
        ModelVersion = "0.1.0",
        ModelSha256 = new string('c', 64),
        PreprocessingVersion = "1",
        Probability = 0.1 + 0.2, // not exactly representable: must survive the round trip
        Risk = RiskLevel.High,
        RiskAssessmentId = "ra-" + dedupeKey,
        NormalizeMilliseconds = 3.5,
        ScoreMilliseconds = 12.0,
        RecordMilliseconds = 0.8,
    };

    public static StoredAnswer Ack(string code) => new(code, "x-application/hl7-v2+er7", Encoding.ASCII.GetBytes($"MSH|^~\\&|ECGBRIDGE\rMSA|{code}|1\r"));

    /// <summary>A stored result: a minimal valid RiskAssessment (status, subject, occurrence) under the given search keys.</summary>
    public static RiskAssessmentDocument RiskAssessment(string id, string? subject, DateTimeOffset? occurrence)
    {
        // The subject search key is a literal reference (Patient/1) or a logical identifier (system|value).
        int bar = subject?.IndexOf('|', StringComparison.Ordinal) ?? -1;
        string subjectJson = subject is null
            ? "{\"display\":\"Unidentified patient\"}"
            : bar >= 0
                ? "{\"type\":\"Patient\",\"identifier\":{\"system\":\"" + subject[..bar] + "\",\"value\":\"" + subject[(bar + 1)..] + "\"}}"
                : "{\"reference\":\"" + subject + "\"}";
        string occurrenceJson = occurrence is { } at
            ? ",\"occurrenceDateTime\":\"" + at.ToString("yyyy-MM-dd'T'HH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture) + "\""
            : "";
        return new(id, subject, occurrence, "{\"resourceType\":\"RiskAssessment\",\"id\":\"" + id + "\",\"status\":\"final\",\"subject\":" + subjectJson + occurrenceJson + "}");
    }

    public static OutboxItem[] Deliveries(string id) =>
    [
        new(OutboxKinds.EhrRiskAssessment, $$"""{"resourceType":"RiskAssessment","id":"{{id}}"}"""),
        new(OutboxKinds.BusRiskAssessed, $$"""{"riskAssessmentId":"{{id}}"}"""),
    ];
}

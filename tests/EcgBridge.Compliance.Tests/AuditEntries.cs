using EcgBridge.Core.Audit;
using EcgBridge.Core.Scoring;

namespace EcgBridge.Compliance.Tests;

/// <summary>Audit rows as the store reads them back, for the compliance tests.</summary>
internal static class AuditEntries
{
    public const string PatientHash = "3f1c9a4be07d22aa91c5d0e6b8f7a1c2d3e4f5061728394a5b6c7d8e9f0a1b2c";

    public static AuditEntry Scored() => new()
    {
        Sequence = 42,
        Outcome = AuditOutcome.Scored,
        DedupeKey = "CART^WARD3|MSG00042|" + new string('a', 64),
        Channel = AuditChannel.Mllp,
        ReceivedAt = new DateTimeOffset(2026, 11, 23, 10, 15, 0, TimeSpan.Zero),
        FinishedAt = new DateTimeOffset(2026, 11, 23, 10, 15, 0, 412, TimeSpan.Zero),
        SourceSystem = "CART^WARD3",
        MessageId = "MSG00042",
        RawSha256 = new string('b', 64),
        TensorSha256 = new string('c', 64),
        ModelName = "ecg-smart-net",
        ModelVersion = "0.1.0-demo",
        ModelSha256 = new string('d', 64),
        PreprocessingVersion = "v1",
        Probability = 0.8731,
        Risk = RiskLevel.High,
        RiskAssessmentId = new string('e', 64),
        ScoreMilliseconds = 181.5,
        PatientIdHash = PatientHash,
        PreviousHash = new string('0', 64),
        Hash = new string('f', 64),
    };

    public static AuditEntry Rejected() => new()
    {
        Sequence = 43,
        Outcome = AuditOutcome.Rejected,
        DedupeKey = "fhir-client|obs-7|" + new string('a', 64),
        Channel = AuditChannel.Fhir,
        ReceivedAt = new DateTimeOffset(2026, 11, 23, 10, 16, 0, TimeSpan.Zero),
        SourceSystem = "fhir-client",
        MessageId = "obs-7",
        ErrorCodes = ["ECG-LEADS-MISSING lead V2", "ECG-TOO-SHORT recording"],
        PreviousHash = new string('f', 64),
        Hash = "1" + new string('2', 63),
    };

    public static AuditEntry Failed() => Scored() with
    {
        Sequence = 44,
        Outcome = AuditOutcome.Failed,
        Probability = null,
        Risk = null,
        RiskAssessmentId = null,
        ErrorCodes = ["INFER-RUN-FAILED model"],
        Hash = "3" + new string('4', 63),
    };
}

using System.Globalization;
using EcgBridge.Compliance;
using EcgBridge.Core;
using EcgBridge.Core.Audit;
using EcgBridge.Core.Scoring;

namespace EcgBridge.Host.Compliance;

/// <summary>The JSON shapes of the compliance API (the patient only as a masked hash; no waveform unless asked).</summary>
internal static class ComplianceJson
{
    public static object Summary(AuditEntry entry) => new
    {
        sequence = entry.Sequence,
        receivedAt = entry.ReceivedAt,
        finishedAt = entry.FinishedAt,
        outcome = ComplianceNames.Of(entry.Outcome),
        channel = ComplianceNames.Of(entry.Channel),
        sourceSystem = entry.SourceSystem,
        messageId = entry.MessageId,
        patient = entry.PatientIdHash is null ? null : ComplianceNames.MaskPatientHash(entry.PatientIdHash),
        modelName = entry.ModelName,
        modelVersion = entry.ModelVersion,
        probability = entry.Probability,
        risk = entry.Risk is { } risk ? RiskThresholds.Code(risk) : null,
        errorCodes = entry.ErrorCodes,
    };

    public static object Detail(AuditEntry entry, StoredEcg? ecg) => new
    {
        sequence = entry.Sequence,
        receivedAt = entry.ReceivedAt,
        finishedAt = entry.FinishedAt,
        outcome = ComplianceNames.Of(entry.Outcome),
        channel = ComplianceNames.Of(entry.Channel),
        sourceSystem = entry.SourceSystem,
        messageId = entry.MessageId,
        dedupeKey = entry.DedupeKey,
        patient = entry.PatientIdHash is null ? null : ComplianceNames.MaskPatientHash(entry.PatientIdHash),
        model = new { name = entry.ModelName, version = entry.ModelVersion, sha256 = entry.ModelSha256 },
        preprocessingVersion = entry.PreprocessingVersion,
        probability = entry.Probability,
        risk = entry.Risk is { } risk ? RiskThresholds.Code(risk) : null,
        riskAssessmentId = entry.RiskAssessmentId,
        errorCodes = entry.ErrorCodes,
        timings = new
        {
            decodeMs = entry.DecodeMilliseconds,
            normalizeMs = entry.NormalizeMilliseconds,
            scoreMs = entry.ScoreMilliseconds,
            recordMs = entry.RecordMilliseconds,
        },
        rawSha256 = entry.RawSha256,
        tensorSha256 = entry.TensorSha256,
        previousHash = entry.PreviousHash,
        hash = entry.Hash,
        storedEcg = ecg is null ? null : new
        {
            tensorSha256 = ecg.TensorSha256,
            matchesAudit = ecg.MatchesAudit,
            storedAt = ecg.StoredAt,
            storedBytes = ecg.StoredBytes,
        },
    };

    public static object Waveform(StoredEcg ecg)
    {
        var leads = new List<object>(EcgTensor.LeadCount);
        foreach (Lead lead in Enum.GetValues<Lead>())
        {
            leads.Add(new { lead = LeadName(lead), millivolts = ecg.Tensor.LeadSpan(lead).ToArray() });
        }

        return new
        {
            sequence = ecg.AuditSequence,
            sampleRateHz = 500,
            unit = "mV",
            tensorSha256 = ecg.TensorSha256,
            matchesAudit = ecg.MatchesAudit,
            leads,
        };
    }

    public static object Verification(ChainVerification verification) => new
    {
        intact = verification.Intact,
        rowCount = verification.RowCount,
        firstBrokenSequence = verification.FirstBrokenSequence,
        code = verification.Code,
    };

    /// <summary>Display name of a lead (aVR, not AVR).</summary>
    public static string LeadName(Lead lead) => lead switch
    {
        Lead.AVR => "aVR",
        Lead.AVL => "aVL",
        Lead.AVF => "aVF",
        _ => lead.ToString(),
    };

    public static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";
}

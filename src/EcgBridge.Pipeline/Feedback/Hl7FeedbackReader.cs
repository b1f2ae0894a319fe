using EcgBridge.Core.Feedback;
using EcgBridge.Core.Issues;
using EcgBridge.Fhir;
using EcgBridge.Fhir.Outputs;
using EcgBridge.Hl7v2.Parsing;

namespace EcgBridge.Pipeline.Feedback;

/// <summary>What an HL7 v2 result says about an order's ECGs: the order, the subject, the diagnosis, or why it is refused.</summary>
internal sealed record Hl7FeedbackRead(Hl7MessageHeader Header, string? OrderId, string? Subject, bool? Confirmed, string? Finding, DateTimeOffset? OccurredAt, string? ErrorCode, string? Location);

/// <summary>
/// Outcome feedback over HL7 v2: an ORU^R01 without waveform OBX segments (no NA, MA or ED values) whose OBX-3 is an
/// occlusion-MI code — a catheterisation or discharge result for the ECG's order (OBR-2, else OBR-3). OBX-5 (CWE/CE)
/// positive or negative, else OBX-8 POS/NEG; OBX-11 F or C; PID-3 is the subject.
/// </summary>
internal static class Hl7FeedbackReader
{
    private static readonly Dictionary<string, string> CodingSystems = new(StringComparer.OrdinalIgnoreCase)
    {
        ["SCT"] = FhirSystems.Snomed,
        ["SNM"] = FhirSystems.Snomed,
        ["SNOMED"] = FhirSystems.Snomed,
        ["SNOMED-CT"] = FhirSystems.Snomed,
        [FhirSystems.Snomed] = FhirSystems.Snomed,
    };

    private static readonly HashSet<string> Positive = new(StringComparer.Ordinal) { "10828004", "52101004", "POS" };
    private static readonly HashSet<string> Negative = new(StringComparer.Ordinal) { "260385009", "2667000", "NEG" };

    /// <summary>True (with the read) when the message is outcome feedback; false for anything else (an ECG, an ADT, garbage).</summary>
    public static bool TryRead(ReadOnlyMemory<byte> bytes, IReadOnlySet<string> omiCodes, out Hl7FeedbackRead? read)
    {
        read = null;
        if (!Hl7Message.TryParse(bytes, new IssueList(), out Hl7Message? message) || message is null
            || !string.Equals(message.Header.MessageType, "ORU", StringComparison.Ordinal))
        {
            return false;
        }

        int finding = -1;
        for (int i = message.FindSegment("OBX"u8); i >= 0; i = message.FindSegment("OBX"u8, i + 1))
        {
            string? valueType = message[i].Text(2);
            if (valueType is "NA" or "MA" or "ED")
            {
                return false;
            }

            if (finding < 0 && Code(message[i], 3) is { } code && omiCodes.Contains(code))
            {
                finding = i;
            }
        }

        if (finding < 0)
        {
            return false;
        }

        Hl7Segment obx = message[finding];
        string? order = null;
        for (int i = message.FindSegment("OBR"u8); i >= 0 && order is null; i = message.FindSegment("OBR"u8, i + 1))
        {
            order = message[i].Text(2) ?? message[i].Text(3);
        }

        int pid = message.FindSegment("PID"u8);
        string? subject = pid < 0 ? null : RiskAssessmentBuilder.SubjectKeyOf(message[pid].Text(3, 1), message[pid].Text(3, 4));
        string location = "OBX[" + (finding + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";
        string? status = obx.Text(11);
        bool? confirmed = Polarity(obx.Text(5, 1)) ?? Polarity(obx.Text(8));
        DateTimeOffset? occurred = Hl7DateTime.TryParse(obx.Text(14) ?? "", out DateTimeOffset at) ? at : null;
        (string? error, string? where) = order is null ? (FeedbackCodes.ReferenceMissing, "OBR-2")
            : subject is null ? (FeedbackCodes.SubjectMissing, "PID-3")
            : status is not ("F" or "C") ? (FeedbackCodes.NotConclusive, location + "-11")
            : confirmed is null ? (FeedbackCodes.NotConclusive, location + "-5")
            : ((string?)null, (string?)null);
        read = new Hl7FeedbackRead(message.Header, order, subject, confirmed, Code(obx, 3), occurred, error, where);
        return true;
    }

    private static string? Code(Hl7Segment segment, int field)
    {
        string? code = segment.Text(field, 1);
        string? system = segment.Text(field, 3);
        return code is null || system is null ? null : (CodingSystems.TryGetValue(system, out string? uri) ? uri : system) + "|" + code;
    }

    private static bool? Polarity(string? code) => code is null ? null : Positive.Contains(code) ? true : Negative.Contains(code) ? false : null;
}

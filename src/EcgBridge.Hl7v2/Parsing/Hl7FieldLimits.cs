using EcgBridge.Core;
using EcgBridge.Core.Issues;

namespace EcgBridge.Hl7v2.Parsing;

/// <summary>
/// Bounds on the fields EcgBridge stores and echoes (audit, inbox, outbox, RiskAssessment rows; ACK MSH-5/6 and MSA-2):
/// an over-long one is an error naming the field, and is blanked so neither the answer nor any row carries it.
/// </summary>
public static class Hl7FieldLimits
{
    /// <summary>HD (MSH-3/4/5/6): 227 characters in HL7 v2.5.</summary>
    public const int HierarchicDesignator = 227;

    /// <summary>MSH-10 and CX.1 (PID-3.1): 199 characters in HL7 v2.5.</summary>
    public const int Identifier = 199;

    /// <summary>Checks the header; returns it with every over-long field removed.</summary>
    public static Hl7MessageHeader Bound(Hl7MessageHeader header, IssueList issues)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(issues);
        return header with
        {
            SendingApplication = Check(header.SendingApplication, HierarchicDesignator, "MSH-3", issues),
            SendingApplicationId = TooLong(header.SendingApplication, HierarchicDesignator) ? null : header.SendingApplicationId,
            SendingFacility = Check(header.SendingFacility, HierarchicDesignator, "MSH-4", issues),
            SendingFacilityId = TooLong(header.SendingFacility, HierarchicDesignator) ? null : header.SendingFacilityId,
            ReceivingApplication = Check(header.ReceivingApplication, HierarchicDesignator, "MSH-5", issues),
            ReceivingFacility = Check(header.ReceivingFacility, HierarchicDesignator, "MSH-6", issues),
            MessageControlId = Check(header.MessageControlId, Identifier, "MSH-10", issues),
        };
    }

    /// <summary>Checks the patient identifier taken from PID-3.1.</summary>
    public static bool CheckSource(EcgSource source, IssueList issues)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(issues);
        bool ok = true;
        if (TooLong(source.PatientId, Identifier))
        {
            issues.Error(Hl7Codes.FieldTooLong, "PID-3.1");
            ok = false;
        }

        if (TooLong(source.OrderId, Identifier))
        {
            issues.Error(Hl7Codes.FieldTooLong, "OBR-2");
            ok = false;
        }

        if (TooLong(source.EncounterId, Identifier))
        {
            issues.Error(Hl7Codes.FieldTooLong, "PV1-19");
            ok = false;
        }

        return ok;
    }

    private static bool TooLong(string? value, int limit) => value is not null && value.Length > limit;

    private static string? Check(string? value, int limit, string location, IssueList issues)
    {
        if (!TooLong(value, limit))
        {
            return value;
        }

        issues.Error(Hl7Codes.FieldTooLong, location);
        return null;
    }
}

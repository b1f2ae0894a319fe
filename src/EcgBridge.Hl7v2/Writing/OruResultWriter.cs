using System.Globalization;
using EcgBridge.Hl7v2.Parsing;

namespace EcgBridge.Hl7v2.Writing;

/// <summary>
/// The ORU^R01 a HL7-only system receives for a scored ECG: MSH from EcgBridge, PID and OBR echoed from the source
/// (placer/filler numbers, acquisition time), OBX 1 the probability (NM), OBX 2 the qualitative risk (CWE, HL7
/// risk-probability), OBX 3 the model identity (ST), NTE the intended use; OBX-11 F, or P for a preliminary result.
/// </summary>
public static class OruResultWriter
{
    /// <summary>Code system of EcgBridge's own observation codes in OBX-3.</summary>
    public const string CodeSystem = "ECGBRIDGE";

    /// <summary>The risk-probability code system as HL7 v2 names it.</summary>
    public const string RiskCodeSystem = "HL70000-RISK";

    public static byte[] Write(OruResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var builder = new Hl7MessageBuilder(2048);
        builder.StartMsh()
            .Field(result.SendingApplication)
            .Field(result.SendingFacility)
            .Field(result.ReceivingApplication)
            .Field(result.ReceivingFacility)
            .Field(Hl7DateTime.Format(result.Timestamp.ToUniversalTime()))
            .Field(null)
            .Components("ORU", "R01", "ORU_R01")
            .Field(result.ControlId)
            .Field("P")
            .Field("2.5.1")
            .Field(null)
            .Field(null)
            .Field("AL")
            .Field("NE")
            .Field(null)
            .Field("UNICODE UTF-8");
        builder.StartSegment("PID").Field("1").Field(null).Components(result.PatientId, null, null, result.PatientIdSystem);
        if (result.EncounterId is not null)
        {
            builder.StartSegment("PV1").Field("1").Field("U");
            for (int field = 3; field < 19; field++)
            {
                builder.Field(null);
            }

            builder.Components(result.EncounterId);
        }

        string status = result.Final ? "F" : "P";
        builder.StartSegment("OBR").Field("1").Field(result.PlacerOrderNumber).Field(result.FillerOrderNumber)
            .Components("OMI-AI", "ECG AI occlusion MI risk assessment", CodeSystem)
            .Field(null).Field(null)
            .Field(result.AcquisitionTime is { } time ? Hl7DateTime.Format(time) : null);
        for (int field = 8; field < 22; field++)
        {
            builder.Field(null);
        }

        builder.Field(Hl7DateTime.Format(result.Timestamp.ToUniversalTime())).Field(null).Field(null).Field(status);
        builder.StartSegment("OBX").Field("1").Field("NM").Components("OMI-PROB", "Occlusion MI probability", CodeSystem).Field("1")
            .Field(result.Probability.ToString("0.######", CultureInfo.InvariantCulture)).Components("1", "probability", "UCUM")
            .Fields(null, null, null, null, status);
        builder.StartSegment("OBX").Field("2").Field("CWE").Components("OMI-RISK", "Occlusion MI qualitative risk", CodeSystem).Field("1")
            .Components(result.RiskCode, result.RiskDisplay, RiskCodeSystem).Fields(null, null, null, null, null, status);
        builder.StartSegment("OBX").Field("3").Field("ST").Components("AI-MODEL", "AI model name, version and SHA-256", CodeSystem).Field("1")
            .Field(result.ModelName + " " + result.ModelVersion + " sha256:" + result.ModelSha256).Fields(null, null, null, null, null, status);
        builder.StartSegment("NTE").Field("1").Field("L").Field(result.IntendedUse);
        return builder.ToArray();
    }
}

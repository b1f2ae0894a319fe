using EcgBridge.Core;
using EcgBridge.Hl7v2.Parsing;

namespace EcgBridge.Hl7v2.Writing;

/// <summary>MSH, PID, PV1 and OBR shared by the ORU^R01 writers.</summary>
internal static class OruEnvelope
{
    public static void Write(Hl7MessageBuilder builder, EcgRecording recording, Hl7WriteOptions options, string[] obr4)
    {
        EcgSource source = recording.Source;
        builder.StartMsh()
            .RawField(options.SendingApplication ?? source.SendingApplication ?? "EcgBridge")
            .RawField(options.SendingFacility ?? source.SendingFacility)
            .RawField(options.ReceivingApplication)
            .RawField(options.ReceivingFacility)
            .Field(Hl7DateTime.Format((options.Timestamp ?? DateTimeOffset.UtcNow).ToUniversalTime()))
            .Field(null)
            .Components("ORU", "R01", "ORU_R01")
            .Field(options.ControlId ?? source.MessageControlId ?? Guid.NewGuid().ToString("N"))
            .Field(options.ProcessingId)
            .Field(options.Version)
            .Field(null)
            .Field(null)
            .Field(options.AcceptAcknowledgmentType)
            .Field(options.ApplicationAcknowledgmentType)
            .Field(null)
            .Field("UNICODE UTF-8");
        if (source.PatientId is not null)
        {
            builder.StartSegment("PID").Field("1").Field(null).Components(source.PatientId, null, null, source.PatientIdSystem);
        }

        if (source.EncounterId is not null)
        {
            builder.StartSegment("PV1").Field("1").Field("U");
            for (int field = 3; field < 19; field++)
            {
                builder.Field(null);
            }

            builder.Components(source.EncounterId);
        }

        builder.StartSegment("OBR").Field("1").Field(source.OrderId).Field(null).Components(obr4).Field(null).Field(null)
            .Field(recording.AcquisitionTime is { } time ? Hl7DateTime.Format(time) : null);
    }
}

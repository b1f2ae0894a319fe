using EcgBridge.Core;
using EcgBridge.Core.Issues;
using EcgBridge.Hl7v2.Parsing;

namespace EcgBridge.Hl7v2.Waveforms;

/// <summary>Carries MSH-3/4/10, PID-3, PV1-19 and OBR-2/3 into <see cref="EcgSource"/> and reads OBR-7.</summary>
internal static class Hl7SourceReader
{
    public static EcgSource ReadSource(Hl7Message message)
    {
        Hl7MessageHeader header = message.Header;
        string? patientId = null;
        string? patientSystem = null;
        int pid = message.FindSegment("PID"u8);
        if (pid >= 0)
        {
            Hl7Segment segment = message[pid];
            patientId = segment.Text(3, 1);
            patientSystem = segment.Text(3, 4);
        }

        string? encounter = null;
        int pv1 = message.FindSegment("PV1"u8);
        if (pv1 >= 0)
        {
            encounter = message[pv1].Text(19, 1);
        }

        string? order = null;
        int obr = message.FindSegment("OBR"u8);
        while (obr >= 0 && order is null)
        {
            Hl7Segment segment = message[obr];
            order = segment.Text(2, 1) ?? segment.Text(3, 1);
            obr = message.FindSegment("OBR"u8, obr + 1);
        }

        return new EcgSource
        {
            SendingApplication = header.SendingApplication,
            SendingFacility = header.SendingFacility,
            MessageControlId = header.MessageControlId,
            PatientId = patientId,
            PatientIdSystem = patientSystem,
            EncounterId = encounter,
            OrderId = order,
        };
    }

    /// <summary>OBR-7 of the OBR governing a segment (the nearest one before it), or of the first OBR.</summary>
    public static DateTimeOffset? ReadObservationTime(Hl7Message message, int segmentIndex, IssueList issues)
    {
        int governing = -1;
        for (int i = Math.Min(segmentIndex, message.SegmentCount - 1); i >= 0; i--)
        {
            if (message[i].IsId("OBR"u8))
            {
                governing = i;
                break;
            }
        }

        if (governing < 0)
        {
            governing = message.FindSegment("OBR"u8);
        }

        if (governing < 0)
        {
            return null;
        }

        Hl7Segment obr = message[governing];
        string? text = obr.Text(7, 1);
        if (text is null)
        {
            return null;
        }

        if (Hl7DateTime.TryParse(text, out DateTimeOffset time))
        {
            return time;
        }

        issues.Warning(Hl7Codes.DateTimeInvalid, obr.Location(7));
        return null;
    }
}

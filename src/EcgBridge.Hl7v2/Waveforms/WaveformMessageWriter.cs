using System.Globalization;
using EcgBridge.Core;
using EcgBridge.Hl7v2.Parsing;
using EcgBridge.Hl7v2.Writing;

namespace EcgBridge.Hl7v2.Waveforms;

/// <summary>
/// Writes a recording as an HL7 v2 chapter-7 waveform ORU^R01: OBR-4 11524-6^EKG study^LN, one CD OBX per channel
/// (number &amp; lead name, sensitivity 1 &amp; mV, sampling frequency, limits), a TS OBX with the start time, and one
/// MA OBX (time points as repetitions, channels as components). All leads must have the same length.
/// </summary>
public static class WaveformMessageWriter
{
    /// <summary>The message bytes (UTF-8, segments ending with CR).</summary>
    public static byte[] Write(EcgRecording recording, Hl7WriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(recording);
        options ??= Hl7WriteOptions.Default;
        int length = recording.Leads.Count == 0 ? 0 : recording.Leads[0].Samples.Length;
        foreach (LeadSignal lead in recording.Leads)
        {
            if (lead.Samples.Length != length)
            {
                throw new ArgumentException("Multiplexed waveforms need leads of equal length.", nameof(recording));
            }
        }

        var builder = new Hl7MessageBuilder(1024 + (recording.Leads.Count * length * 8));
        string[] observation = ["11524-6", "EKG study", "LN"];
        OruEnvelope.Write(builder, recording, options, observation);
        int setId = 1;
        string rate = recording.SampleRateHz.ToString("G15", CultureInfo.InvariantCulture);
        var subcomponent = new string([(char)builder.Delimiters.Subcomponent]);
        for (int k = 0; k < recording.Leads.Count; k++)
        {
            LeadSignal lead = recording.Leads[k];
            string number = (k + 1).ToString(CultureInfo.InvariantCulture);
            string limits = lead.LowerLimitMillivolts is { } low && lead.UpperLimitMillivolts is { } high
                ? low.ToString("G15", CultureInfo.InvariantCulture) + subcomponent + high.ToString("G15", CultureInfo.InvariantCulture)
                : "";
            string value = number + subcomponent + Hl7Escaping.Escape(LeadCatalog.DisplayName(lead.Lead), builder.Delimiters)
                + "^^1" + subcomponent + "mV" + subcomponent + "millivolt" + subcomponent + "UCUM^^" + rate + (limits.Length > 0 ? "^" + limits : "");
            builder.StartSegment("OBX").Field(Number(setId++)).Field("CD").Components(observation).Field(number).RawField(value)
                .Fields(null, null, null, null, null, "F");
        }

        builder.StartSegment("OBX").Field(Number(setId++)).Field("TS").Components(observation).Field("1")
            .Field(recording.AcquisitionTime is { } time ? Hl7DateTime.Format(time) : null).Fields(null, null, null, null, null, "F");
        builder.StartSegment("OBX").Field(Number(setId)).Field("MA").Components(observation).Field("1").OpenField();
        for (int t = 0; t < length; t++)
        {
            if (t > 0)
            {
                builder.Separator(builder.Delimiters.Repetition);
            }

            for (int c = 0; c < recording.Leads.Count; c++)
            {
                if (c > 0)
                {
                    builder.Separator(builder.Delimiters.Component);
                }

                builder.Number(recording.Leads[c].Samples[t]);
            }
        }

        builder.Fields(null, null, null, null, null, "F");
        return builder.ToArray();
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}

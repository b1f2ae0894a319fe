using System.Globalization;
using EcgBridge.Core;
using EcgBridge.Hl7v2.Writing;

namespace EcgBridge.Hl7v2.Waveforms;

/// <summary>
/// Writes a recording as an IHE PCD-01 ORU^R01: OBR-4 69121^MDC_OBS_WAVE_CTS^MDC, one NA OBX per lead (MDC lead code,
/// samples in mV with up to 15 significant digits, 266418^MDC_DIM_MILLI_VOLT^MDC) with child OBX MDC_ATTR_SAMP_RATE
/// (sub-ID <c>.1</c>) and, when the lead has limits, MDC_ATTR_DATA_RANGE (<c>.2</c>). Used by tests and the simulator.
/// </summary>
public static class Pcd01MessageWriter
{
    /// <summary>The message bytes (UTF-8, segments ending with CR).</summary>
    public static byte[] Write(EcgRecording recording, Hl7WriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(recording);
        options ??= Hl7WriteOptions.Default;
        var builder = new Hl7MessageBuilder(1024 + (recording.Leads.Count * recording.SampleCount * 8));
        OruEnvelope.Write(builder, recording, options, ["69121", "MDC_OBS_WAVE_CTS", "MDC"]);
        int setId = 1;
        string rate = recording.SampleRateHz.ToString("G15", CultureInfo.InvariantCulture);
        for (int k = 0; k < recording.Leads.Count; k++)
        {
            LeadSignal lead = recording.Leads[k];
            string subId = "1.1.1." + (k + 1).ToString(CultureInfo.InvariantCulture);
            builder.StartSegment("OBX").Field(Number(setId++)).Field("NA")
                .Components(LeadCatalog.MdcCode(lead.Lead).ToString(CultureInfo.InvariantCulture), LeadCatalog.MdcName(lead.Lead), "MDC")
                .Field(subId)
                .OpenField();
            double[] samples = lead.Samples;
            for (int i = 0; i < samples.Length; i++)
            {
                if (i > 0)
                {
                    builder.Separator(builder.Delimiters.Component);
                }

                builder.Number(samples[i]);
            }

            builder.Components("266418", "MDC_DIM_MILLI_VOLT", "MDC").Fields(null, null, null, null, "F");
            builder.StartSegment("OBX").Field(Number(setId++)).Field("NM").Components("0", "MDC_ATTR_SAMP_RATE", "MDC")
                .Field(subId + ".1").Field(rate).Components("264608", "MDC_DIM_PER_SEC", "MDC").Fields(null, null, null, null, "F");
            if (lead.LowerLimitMillivolts is { } low && lead.UpperLimitMillivolts is { } high)
            {
                builder.StartSegment("OBX").Field(Number(setId++)).Field("NR").Components("0", "MDC_ATTR_DATA_RANGE", "MDC")
                    .Field(subId + ".2").OpenField().Number(low).Separator(builder.Delimiters.Component).Number(high)
                    .Components("266418", "MDC_DIM_MILLI_VOLT", "MDC").Fields(null, null, null, null, "F");
            }
        }

        return builder.ToArray();
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}

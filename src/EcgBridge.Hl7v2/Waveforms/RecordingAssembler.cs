using System.Globalization;
using EcgBridge.Core;
using EcgBridge.Core.Issues;

namespace EcgBridge.Hl7v2.Waveforms;

/// <summary>Checks decoded leads (duplicates, one rate, equal lengths) and builds the recording.</summary>
internal static class RecordingAssembler
{
    public static EcgRecording? Assemble(List<DecodedLead> leads, EcgSource source, DateTimeOffset? time, IssueList issues)
    {
        if (leads.Count == 0)
        {
            issues.Error(EcgCodes.LeadsMissing, "leads " + string.Join(',', LeadNames(LeadCatalog.All)));
            return null;
        }

        bool ok = true;
        double rate = leads[0].SampleRateHz;
        int length = leads[0].Samples.Length;
        Span<bool> seen = stackalloc bool[LeadCatalog.Count];
        foreach (DecodedLead lead in leads)
        {
            string where = lead.Location + " lead " + LeadCatalog.DisplayName(lead.Lead);
            if (seen[(int)lead.Lead])
            {
                issues.Error(EcgCodes.LeadDuplicate, where);
                ok = false;
            }

            seen[(int)lead.Lead] = true;
            if (lead.SampleRateHz != rate)
            {
                issues.Error(Hl7Codes.SampleRateMismatch, where);
                ok = false;
            }

            if (lead.Samples.Length != length)
            {
                issues.Error(EcgCodes.LeadLengthMismatch, where);
                ok = false;
            }
        }

        if (!ok)
        {
            return null;
        }

        var signals = new List<LeadSignal>(leads.Count);
        foreach (DecodedLead lead in leads)
        {
            signals.Add(new LeadSignal(lead.Lead, lead.Samples)
            {
                LowerLimitMillivolts = lead.Lower,
                UpperLimitMillivolts = lead.Upper,
                SourceLocation = lead.Location,
            });
        }

        return new EcgRecording(signals, rate) { AcquisitionTime = time, Source = source };
    }

    private static List<string> LeadNames(ReadOnlySpan<Lead> leads)
    {
        var names = new List<string>(leads.Length);
        foreach (Lead lead in leads)
        {
            names.Add(LeadCatalog.DisplayName(lead));
        }

        return names;
    }

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}

using EcgBridge.Core.Issues;

namespace EcgBridge.Core.Normalization;

/// <summary>
/// Source-rate checks of the leads a recording actually carries (flat, saturation, invalid samples, duplicated content).
/// Derived leads are not checked here: a finding on I or II is reported once, on the lead that was sent.
/// </summary>
internal static class QualityGate
{
    /// <summary>Checks the sent leads; <paramref name="sourceIndex"/> maps tensor lead → index in the recording or −1.</summary>
    public static void CheckSources(
        EcgRecording recording,
        ReadOnlySpan<int> sourceIndex,
        QualityGateOptions quality,
        IssueList issues,
        Span<QualityFindings> findings,
        ref bool rejected)
    {
        IReadOnlyList<LeadSignal> leads = recording.Leads;
        double seconds = double.IsFinite(quality.SaturationRunSeconds) ? Math.Max(0, quality.SaturationRunSeconds) : 0;
        int saturationRun = Math.Max(1, (int)Math.Ceiling((seconds * recording.SampleRateHz) - 1e-9));
        for (int lead = 0; lead < LeadCatalog.Count; lead++)
        {
            if (sourceIndex[lead] < 0)
            {
                continue;
            }

            LeadSignal signal = leads[sourceIndex[lead]];
            ReadOnlySpan<double> samples = signal.Samples;
            double min = double.PositiveInfinity;
            double max = double.NegativeInfinity;
            bool invalid = false;
            for (int i = 0; i < samples.Length; i++)
            {
                double x = samples[i];
                if (!double.IsFinite(x))
                {
                    invalid = true;
                    continue;
                }

                if (x < min)
                {
                    min = x;
                }

                if (x > max)
                {
                    max = x;
                }
            }

            string location = EcgNormalizer.LeadLocation((Lead)lead);
            if (invalid)
            {
                findings[lead] |= QualityFindings.Invalid;
                Report(issues, EcgCodes.SampleInvalid, quality.InvalidSamples, location, ref rejected);
            }

            // A lead without one finite sample is reported as invalid only; "flat" would say nothing more.
            if (min <= max && max - min < quality.FlatPeakToPeakMillivolts)
            {
                findings[lead] |= QualityFindings.Flat;
                Report(issues, EcgCodes.LeadFlat, quality.Flat, location, ref rejected);
            }

            if (HasSaturationRun(samples, signal.LowerLimitMillivolts, signal.UpperLimitMillivolts, saturationRun))
            {
                findings[lead] |= QualityFindings.Saturated;
                Report(issues, EcgCodes.LeadSaturated, quality.Saturation, location, ref rejected);
            }
        }

        // Identical content under two names: a wiring or export fault. Flat leads are equal to each other trivially and
        // were reported already.
        for (int later = 1; later < LeadCatalog.Count; later++)
        {
            if (sourceIndex[later] < 0 || (findings[later] & QualityFindings.Flat) != 0)
            {
                continue;
            }

            ReadOnlySpan<double> laterSamples = leads[sourceIndex[later]].Samples;
            for (int earlier = 0; earlier < later; earlier++)
            {
                if (sourceIndex[earlier] < 0 || (findings[earlier] & QualityFindings.Flat) != 0)
                {
                    continue;
                }

                if (laterSamples.SequenceEqual(leads[sourceIndex[earlier]].Samples))
                {
                    findings[later] |= QualityFindings.Duplicate;
                    Report(issues, EcgCodes.LeadDuplicate, quality.Duplicate, EcgNormalizer.LeadLocation((Lead)later), ref rejected);
                    break;
                }
            }
        }
    }

    /// <summary>Adds an error (reject) or a warning (flag).</summary>
    public static void Report(IssueList issues, string code, QualityAction action, string location, ref bool rejected)
    {
        if (action == QualityAction.Flag)
        {
            issues.Warning(code, location);
            return;
        }

        issues.Error(code, location);
        rejected = true;
    }

    private static bool HasSaturationRun(ReadOnlySpan<double> samples, double? lower, double? upper, int minimumRun)
    {
        if (lower is null && upper is null)
        {
            return false;
        }

        double low = lower ?? double.NegativeInfinity;
        double high = upper ?? double.PositiveInfinity;
        int run = 0;
        for (int i = 0; i < samples.Length; i++)
        {
            double x = samples[i];
            if (x <= low || x >= high)
            {
                run++;
                if (run >= minimumRun)
                {
                    return true;
                }
            }
            else
            {
                run = 0;
            }
        }

        return false;
    }
}

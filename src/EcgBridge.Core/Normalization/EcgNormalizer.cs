using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using EcgBridge.Core.Dsp;
using EcgBridge.Core.Issues;

namespace EcgBridge.Core.Normalization;

/// <summary>
/// Normalization v1: units are already mV in <see cref="EcgRecording"/>; this maps/derives the 12 leads, resamples to
/// the model rate, windows, removes baseline, applies the quality gate and scaling. Deterministic: the same input gives
/// bit-identical output.
/// </summary>
/// <remarks>
/// Order (DESIGN.md): map and check leads → quality gate on the sent leads at the source rate → resample each sent lead
/// (scipy resample_poly over the whole record, only the first window's outputs computed) → derive missing limb leads
/// (linear, so deriving after resampling equals deriving before) → high-pass (and notch) forward-backward on the
/// window only, as scipy.signal.filtfilt on the 10 s window → |x| check → scale → float32, zero-padded tail when the
/// record is shorter than the window but not shorter than the minimum.
/// </remarks>
public static class EcgNormalizer
{
    /// <summary>Lowest source rate accepted.</summary>
    public const double MinimumSourceRateHz = 50;

    /// <summary>Highest source rate accepted.</summary>
    public const double MaximumSourceRateHz = 2000;

    private const int I = (int)Lead.I;
    private const int II = (int)Lead.II;
    private const int III = (int)Lead.III;
    private const int Avr = (int)Lead.AVR;
    private const int Avl = (int)Lead.AVL;
    private const int Avf = (int)Lead.AVF;

    private static readonly string[] LeadLocations = BuildLeadLocations();

    /// <summary>Normalizes a recording into a new tensor; false (with error issues) when it is rejected.</summary>
    public static bool TryNormalize(EcgRecording recording, PreprocessingOptions options, out EcgTensor? tensor, IssueList issues)
    {
        ArgumentNullException.ThrowIfNull(recording);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(issues);
        var candidate = new EcgTensor();
        if (TryNormalize(recording, options, candidate.Data, issues))
        {
            tensor = candidate;
            return true;
        }

        tensor = null;
        return false;
    }

    /// <summary>
    /// Normalizes into a caller-owned lead-major buffer of <see cref="EcgTensor.Length"/> floats. Scratch comes from
    /// <see cref="ArrayPool{T}.Shared"/>; nothing is allocated per sample. On rejection the buffer is zeroed.
    /// </summary>
    public static bool TryNormalize(EcgRecording recording, PreprocessingOptions options, Span<float> destination, IssueList issues)
    {
        ArgumentNullException.ThrowIfNull(recording);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(issues);
        if (destination.Length != EcgTensor.Length)
        {
            ThrowDestinationLength(destination.Length);
        }

        bool accepted = TryNormalizeCore(recording, options, destination, issues);
        if (!accepted)
        {
            destination.Clear();
        }

        return accepted;
    }

    /// <summary>The issue location of a lead: <c>lead V3</c>.</summary>
    public static string LeadLocation(Lead lead) => LeadLocations[(int)lead];

    private static bool TryNormalizeCore(EcgRecording recording, PreprocessingOptions options, Span<float> destination, IssueList issues)
    {
        bool rejected = !OptionsAreSupported(options, issues);
        if (rejected)
        {
            return false;
        }

        double rate = recording.SampleRateHz;
        PolyphaseResampler? resampler = null;
        if (!(rate >= MinimumSourceRateHz && rate <= MaximumSourceRateHz)
            || !PolyphaseResampler.TryGet(rate, options.SampleRateHz, out resampler))
        {
            issues.Error(EcgCodes.SampleRateUnsupported, "recording");
            rejected = true;
        }

        Span<int> sourceIndex = stackalloc int[LeadCatalog.Count];
        Span<int> derivedFrom = stackalloc int[LeadCatalog.Count];
        rejected |= !TryMapLeads(recording, sourceIndex, derivedFrom, issues, out int length);
        if (rejected)
        {
            return false;
        }

        if (length / rate < options.MinimumSeconds - 1e-9)
        {
            issues.Error(EcgCodes.TooShort, "recording");
            return false;
        }

        int window = options.WindowSamples;
        int available = Math.Min(resampler!.OutputLength(length), window);
        FilterChain filters = FilterChain.For(options);
        if (available <= filters.PadLength)
        {
            issues.Error(EcgCodes.TooShort, "recording");
            return false;
        }

        Span<QualityFindings> findings = stackalloc QualityFindings[LeadCatalog.Count];
        QualityGate.CheckSources(recording, sourceIndex, options.Quality, issues, findings, ref rejected);

        double[] work = ArrayPool<double>.Shared.Rent(LeadCatalog.Count * window);
        double[] scratch = ArrayPool<double>.Shared.Rent(Math.Max(length, filters.ScratchLength(available)));
        try
        {
            for (int lead = 0; lead < LeadCatalog.Count; lead++)
            {
                if (sourceIndex[lead] < 0)
                {
                    continue;
                }

                ReadOnlySpan<double> samples = recording.Leads[sourceIndex[lead]].Samples;
                if ((findings[lead] & QualityFindings.Invalid) != 0)
                {
                    samples = HoldLastFinite(samples, scratch.AsSpan(0, length));
                }

                resampler.Process(samples, work.AsSpan(lead * window, available));
            }

            Derive(work, window, available, sourceIndex);
            for (int lead = 0; lead < LeadCatalog.Count; lead += 4)
            {
                filters.Apply4(
                    work.AsSpan(lead * window, available),
                    work.AsSpan((lead + 1) * window, available),
                    work.AsSpan((lead + 2) * window, available),
                    work.AsSpan((lead + 3) * window, available),
                    scratch);
            }

            CheckAmplitude(work, window, available, sourceIndex, derivedFrom, options.Quality, findings, issues, ref rejected);
            double scale = options.Scale;
            for (int lead = 0; lead < LeadCatalog.Count; lead++)
            {
                ReadOnlySpan<double> row = work.AsSpan(lead * window, available);
                Span<float> target = destination.Slice(lead * window, window);
                for (int k = 0; k < row.Length; k++)
                {
                    target[k] = (float)(row[k] * scale);
                }

                target[available..].Clear();
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(scratch);
            ArrayPool<double>.Shared.Return(work);
        }

        return !rejected;
    }

    // Maps sent leads to tensor rows and plans derivation. derivedFrom holds, per derived lead, the bit mask of the sent
    // leads it is computed from (0 for sent leads).
    private static bool TryMapLeads(EcgRecording recording, Span<int> sourceIndex, Span<int> derivedFrom, IssueList issues, out int length)
    {
        bool ok = true;
        length = -1;
        sourceIndex.Fill(-1);
        derivedFrom.Clear();
        IReadOnlyList<LeadSignal> leads = recording.Leads;
        Span<bool> duplicateReported = stackalloc bool[LeadCatalog.Count];
        for (int i = 0; i < leads.Count; i++)
        {
            int lead = (int)leads[i].Lead;
            if (lead >= LeadCatalog.Count)
            {
                issues.Warning(EcgCodes.LeadUnknown, $"leads[{i}]");
                continue;
            }

            if (sourceIndex[lead] < 0)
            {
                sourceIndex[lead] = i;
            }
            else if (!duplicateReported[lead])
            {
                duplicateReported[lead] = true;
                issues.Error(EcgCodes.LeadDuplicate, LeadLocations[lead]);
                ok = false;
            }
        }

        for (int lead = 0; lead < LeadCatalog.Count; lead++)
        {
            if (sourceIndex[lead] < 0)
            {
                continue;
            }

            int count = leads[sourceIndex[lead]].Samples.Length;
            if (length < 0)
            {
                length = count;
            }
            else if (count != length)
            {
                issues.Error(EcgCodes.LeadLengthMismatch, LeadLocations[lead]);
                ok = false;
            }
        }

        for (int lead = (int)Lead.V1; lead <= (int)Lead.V6; lead++)
        {
            if (sourceIndex[lead] < 0)
            {
                issues.Error(EcgCodes.LeadsMissing, LeadLocations[lead]);
                ok = false;
            }
        }

        // Any two of I, II, III give the other and, with I and II, the augmented leads.
        int pair = (sourceIndex[I] >= 0 && sourceIndex[II] >= 0) ? (1 << I) | (1 << II)
            : (sourceIndex[I] >= 0 && sourceIndex[III] >= 0) ? (1 << I) | (1 << III)
            : (sourceIndex[II] >= 0 && sourceIndex[III] >= 0) ? (1 << II) | (1 << III)
            : 0;
        for (int lead = I; lead <= Avf; lead++)
        {
            if (sourceIndex[lead] >= 0)
            {
                continue;
            }

            if (pair == 0)
            {
                issues.Error(EcgCodes.LeadsMissing, LeadLocations[lead]);
                ok = false;
            }
            else
            {
                derivedFrom[lead] = pair;
            }
        }

        return ok;
    }

    private static void Derive(double[] work, int window, int available, ReadOnlySpan<int> sourceIndex)
    {
        Span<double> leadI = work.AsSpan(I * window, available);
        Span<double> leadII = work.AsSpan(II * window, available);
        Span<double> leadIII = work.AsSpan(III * window, available);
        bool hasI = sourceIndex[I] >= 0;
        bool hasII = sourceIndex[II] >= 0;
        if (!hasII)
        {
            // II = I + III (Einthoven).
            for (int k = 0; k < available; k++)
            {
                leadII[k] = leadI[k] + leadIII[k];
            }
        }
        else if (!hasI)
        {
            for (int k = 0; k < available; k++)
            {
                leadI[k] = leadII[k] - leadIII[k];
            }
        }

        if (sourceIndex[III] < 0)
        {
            for (int k = 0; k < available; k++)
            {
                leadIII[k] = leadII[k] - leadI[k];
            }
        }

        if (sourceIndex[Avr] < 0)
        {
            Span<double> avr = work.AsSpan(Avr * window, available);
            for (int k = 0; k < available; k++)
            {
                avr[k] = -(leadI[k] + leadII[k]) / 2.0;
            }
        }

        if (sourceIndex[Avl] < 0)
        {
            Span<double> avl = work.AsSpan(Avl * window, available);
            for (int k = 0; k < available; k++)
            {
                avl[k] = leadI[k] - (leadII[k] / 2.0);
            }
        }

        if (sourceIndex[Avf] < 0)
        {
            Span<double> avf = work.AsSpan(Avf * window, available);
            for (int k = 0; k < available; k++)
            {
                avf[k] = leadII[k] - (leadI[k] / 2.0);
            }
        }
    }

    private static void CheckAmplitude(
        double[] work,
        int window,
        int available,
        ReadOnlySpan<int> sourceIndex,
        ReadOnlySpan<int> derivedFrom,
        QualityGateOptions quality,
        Span<QualityFindings> findings,
        IssueList issues,
        ref bool rejected)
    {
        int implausibleSources = 0;
        for (int pass = 0; pass < 2; pass++)
        {
            // Sent leads first, then derived ones; a derived lead is reported only when its sources were not.
            bool derivedPass = pass == 1;
            for (int lead = 0; lead < LeadCatalog.Count; lead++)
            {
                if ((sourceIndex[lead] < 0) != derivedPass || (derivedPass && (derivedFrom[lead] & implausibleSources) != 0))
                {
                    continue;
                }

                ReadOnlySpan<double> row = work.AsSpan(lead * window, available);
                double limit = quality.MaxAbsMillivolts;
                bool exceeds = false;
                for (int k = 0; k < row.Length; k++)
                {
                    double x = row[k];
                    exceeds |= x > limit || x < -limit;
                }

                if (exceeds)
                {
                    findings[lead] |= QualityFindings.Implausible;
                    implausibleSources |= 1 << lead;
                    QualityGate.Report(issues, EcgCodes.AmplitudeImplausible, quality.Implausible, LeadLocations[lead], ref rejected);
                }
            }
        }
    }

    // Invalid points would spread through every filter; hold the last finite value (the gate has reported them).
    private static ReadOnlySpan<double> HoldLastFinite(ReadOnlySpan<double> samples, Span<double> target)
    {
        double held = 0;
        for (int i = 0; i < samples.Length; i++)
        {
            if (double.IsFinite(samples[i]))
            {
                held = samples[i];
                break;
            }
        }

        for (int i = 0; i < samples.Length; i++)
        {
            double x = samples[i];
            if (double.IsFinite(x))
            {
                held = x;
            }

            target[i] = held;
        }

        return target;
    }

    private static bool OptionsAreSupported(PreprocessingOptions options, IssueList issues)
    {
        int before = issues.Count;
        double nyquist = options.SampleRateHz / 2.0;
        if (!string.Equals(options.Version, PreprocessingOptions.CurrentVersion, StringComparison.Ordinal))
        {
            issues.Error(EcgCodes.PreprocessingUnsupported, "preprocessing.version");
        }

        if (options.SampleRateHz < MinimumSourceRateHz || options.SampleRateHz > MaximumSourceRateHz)
        {
            issues.Error(EcgCodes.PreprocessingUnsupported, "preprocessing.sampleRateHz");
        }

        if (options.WindowSamples != EcgTensor.SampleCount)
        {
            issues.Error(EcgCodes.PreprocessingUnsupported, "preprocessing.windowSamples");
        }

        if (!double.IsFinite(options.MinimumSeconds) || options.MinimumSeconds < 0)
        {
            issues.Error(EcgCodes.PreprocessingUnsupported, "preprocessing.minimumSeconds");
        }

        if (!(options.HighPassCutoffHz >= 0 && options.HighPassCutoffHz < nyquist))
        {
            issues.Error(EcgCodes.PreprocessingUnsupported, "preprocessing.highPassCutoffHz");
        }

        if (options.HighPassCutoffHz > 0 && (options.HighPassOrder < 1 || options.HighPassOrder > IirFilter.MaxOrder))
        {
            issues.Error(EcgCodes.PreprocessingUnsupported, "preprocessing.highPassOrder");
        }

        if (options.NotchHz is double notch && !(notch > 0 && notch < nyquist && options.NotchQuality > 0 && double.IsFinite(options.NotchQuality)))
        {
            issues.Error(EcgCodes.PreprocessingUnsupported, "preprocessing.notchHz");
        }

        if (!double.IsFinite(options.Scale))
        {
            issues.Error(EcgCodes.PreprocessingUnsupported, "preprocessing.scale");
        }

        if (options.Quality is null)
        {
            issues.Error(EcgCodes.PreprocessingUnsupported, "preprocessing.quality");
        }

        return issues.Count == before;
    }

    private static string[] BuildLeadLocations()
    {
        var locations = new string[LeadCatalog.Count];
        for (int i = 0; i < locations.Length; i++)
        {
            locations[i] = "lead " + LeadCatalog.DisplayName((Lead)i);
        }

        return locations;
    }

    [DoesNotReturn]
    private static void ThrowDestinationLength(int length) =>
        throw new ArgumentException($"The destination must hold {EcgTensor.Length} floats, not {length}.");
}

using System.Globalization;
using System.Text;
using EcgBridge.Core;
using Hl7.Fhir.Model;

namespace EcgBridge.Fhir.Outputs;

/// <summary>
/// Writes an <see cref="EcgRecording"/> as an R4 ECG Observation (component per lead or interleaved), so an HL7 v2 ECG
/// has a FHIR resource for RiskAssessment.basis, and so tests and the simulator can produce FHIR input.
/// </summary>
public static class EcgObservationBuilder
{
    /// <summary>Builds the Observation.</summary>
    public static Observation Build(EcgRecording recording, EcgObservationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(recording);
        options ??= EcgObservationOptions.Default;
        if (recording.Leads.Count == 0 || !(recording.SampleRateHz > 0))
        {
            throw new ArgumentException("A recording with leads and a positive sample rate is required.", nameof(recording));
        }

        var observation = new Observation
        {
            Status = ObservationStatus.Final,
            Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/observation-category", "procedure", "Procedure")],
            Code = new CodeableConcept
            {
                Coding =
                [
                    new Coding(FhirSystems.Loinc, FhirSystems.LoincEkgStudy, "EKG study"),
                    new Coding(LeadCatalog.MdcOidSystem, FhirSystems.MdcEcgElecPotl, "MDC_ECG_ELEC_POTL"),
                ],
                Text = "12-lead ECG",
            },
            Subject = Outputs.RiskAssessmentBuilder.Reference(recording.Source.PatientId, recording.Source.PatientIdSystem, "Patient"),
            Encounter = Outputs.RiskAssessmentBuilder.Reference(recording.Source.EncounterId, null, "Encounter"),
            Effective = recording.AcquisitionTime is { } time ? new FhirDateTime(time) : null,
            Device = string.IsNullOrWhiteSpace(recording.Source.DeviceId) ? null : new ResourceReference { Display = recording.Source.DeviceId },
        };

        if (options.DedupeKey is { } key)
        {
            string hash = FhirIds.ForKind("Observation", key);
            observation.Id = hash;
            observation.Identifier.Add(new Identifier(FhirSystems.EcgObservationIdentifier, hash));
        }

        if (!string.IsNullOrWhiteSpace(recording.Source.OrderId))
        {
            observation.Identifier.Add(new Identifier { Type = new CodeableConcept("http://terminology.hl7.org/CodeSystem/v2-0203", "FILL"), Value = recording.Source.OrderId });
        }

        decimal period = (decimal)(1000.0 / recording.SampleRateHz);
        if (options.Interleaved)
        {
            observation.Value = Interleaved(recording, period, options);
        }
        else
        {
            foreach (LeadSignal lead in recording.Leads)
            {
                observation.Component.Add(new Observation.ComponentComponent
                {
                    Code = LeadConcept(lead.Lead),
                    Value = Sampled(period, 1, lead.LowerLimitMillivolts, lead.UpperLimitMillivolts, options, options.IncludeSamples ? [lead.Samples] : null),
                });
            }
        }

        return observation;
    }

    /// <summary>The lead's MDC coding (OID system) with its reference id as display.</summary>
    public static CodeableConcept LeadConcept(Lead lead) =>
        new(LeadCatalog.MdcOidSystem, LeadCatalog.MdcCode(lead).ToString(CultureInfo.InvariantCulture), LeadCatalog.MdcName(lead), LeadCatalog.DisplayName(lead));

    /// <summary>The standard lead names of the leads in recording order, the interleaved order written.</summary>
    public static IReadOnlyList<string> LeadOrder(EcgRecording recording)
    {
        ArgumentNullException.ThrowIfNull(recording);
        var names = new string[recording.Leads.Count];
        for (int i = 0; i < names.Length; i++)
        {
            names[i] = LeadCatalog.DisplayName(recording.Leads[i].Lead);
        }

        return names;
    }

    private static SampledData Interleaved(EcgRecording recording, decimal period, EcgObservationOptions options)
    {
        int length = recording.Leads[0].Samples.Length;
        double? lower = recording.Leads[0].LowerLimitMillivolts;
        double? upper = recording.Leads[0].UpperLimitMillivolts;
        var channels = new double[recording.Leads.Count][];
        for (int i = 0; i < channels.Length; i++)
        {
            LeadSignal lead = recording.Leads[i];
            if (lead.Samples.Length != length)
            {
                throw new ArgumentException("Interleaved output needs leads of equal length.", nameof(recording));
            }

            lower = lead.LowerLimitMillivolts == lower ? lower : null;
            upper = lead.UpperLimitMillivolts == upper ? upper : null;
            channels[i] = lead.Samples;
        }

        return Sampled(period, channels.Length, lower, upper, options, options.IncludeSamples ? channels : null);
    }

    private static SampledData Sampled(decimal period, int dimensions, double? lower, double? upper, EcgObservationOptions options, double[][]? channels)
    {
        var sampled = new SampledData
        {
            Origin = new Quantity(0m, "mV") { Unit = "mV" },
            Period = period,
            Factor = options.ResolutionMillivolts is { } resolution ? (decimal)resolution : 1m,
            Dimensions = dimensions,
            LowerLimit = lower is { } low ? (decimal)low : null,
            UpperLimit = upper is { } up ? (decimal)up : null,
        };

        if (channels is not null)
        {
            sampled.Data = Data(channels, options.ResolutionMillivolts);
        }

        return sampled;
    }

    private static string Data(double[][] channels, double? resolution)
    {
        int length = channels[0].Length;
        var text = new StringBuilder(length * channels.Length * 6);
        Span<char> scratch = stackalloc char[32];
        for (int s = 0; s < length; s++)
        {
            foreach (double[] channel in channels)
            {
                if (text.Length > 0)
                {
                    text.Append(' ');
                }

                double value = channel[s];
                if (!double.IsFinite(value))
                {
                    text.Append('E');
                    continue;
                }

                int written;
                bool ok = resolution is { } r
                    ? ((long)Math.Round(value / r, MidpointRounding.AwayFromZero)).TryFormat(scratch, out written, default, CultureInfo.InvariantCulture)
                    : value.TryFormat(scratch, out written, "R", CultureInfo.InvariantCulture);
                text.Append(ok ? scratch[..written] : "E");
            }
        }

        return text.ToString();
    }
}

using System.Buffers;
using System.Text;
using EcgBridge.Core;
using EcgBridge.Core.Decoding;
using EcgBridge.Core.Issues;
using EcgBridge.Core.Mapping;
using Hl7.Fhir.Model;

namespace EcgBridge.Fhir.Decoding;

/// <summary>
/// Decodes ECG Observations (FHIR R4, JSON or XML; a single Observation or a transaction/batch/collection Bundle) into
/// <see cref="EcgRecording"/>s: one component per lead with valueSampledData, or one interleaved valueSampledData whose
/// lead order comes from the mapping profile. Every problem becomes an issue with a FHIRPath location; bad input never
/// throws.
/// </summary>
public static class FhirEcgDecoder
{
    /// <summary>Decodes a UTF-8 body with the default limits.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> body, FhirFormat format, MappingProfile? profile, IssueList issues, out IReadOnlyList<FhirEcgInput> inputs) =>
        TryDecode(body, format, profile, FhirDecoderOptions.Default, issues, out inputs);

    /// <summary>
    /// Decodes a UTF-8 body. <paramref name="profile"/> null uses <see cref="FhirEcgProfiles.Default"/>. True when at least
    /// one ECG Observation was decoded and no error was found; false (with error issues, and no inputs) otherwise.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> body, FhirFormat format, MappingProfile? profile, FhirDecoderOptions options, IssueList issues, out IReadOnlyList<FhirEcgInput> inputs) =>
        TryDecode(body, format, profile, options, embedded: null, issues, out inputs);

    /// <summary>Like the single-profile overload; vendor files in DocumentReference / Media attachments go to <paramref name="embedded"/>.</summary>
    public static bool TryDecode(
        ReadOnlySpan<byte> body, FhirFormat format, MappingProfile? profile, FhirDecoderOptions options, EmbeddedEcgDecoder? embedded, IssueList issues, out IReadOnlyList<FhirEcgInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(issues);
        inputs = [];
        if (!FhirBodyReader.TryRead(body, format, options, issues, out Resource? resource))
        {
            return false;
        }

        return TryDecode(resource!, new ProfileChoice(profile ?? FhirEcgProfiles.Default, null) { Embedded = embedded }, options, issues, out inputs);
    }

    /// <summary>Decodes a body held as a string, with the default limits.</summary>
    public static bool TryDecode(string body, FhirFormat format, MappingProfile? profile, IssueList issues, out IReadOnlyList<FhirEcgInput> inputs) =>
        TryDecode(body, format, profile, FhirDecoderOptions.Default, issues, out inputs);

    /// <summary>Decodes a body held as a string.</summary>
    public static bool TryDecode(string body, FhirFormat format, MappingProfile? profile, FhirDecoderOptions options, IssueList issues, out IReadOnlyList<FhirEcgInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(issues);
        inputs = [];

        // Refuse by size before encoding: every char is at least one UTF-8 byte.
        if (body.Length > options.MaxBodyBytes)
        {
            issues.Error(FhirCodes.BodyTooLarge, "body");
            return false;
        }

        return TryDecode(Encoding.UTF8.GetBytes(body), format, profile, options, issues, out inputs);
    }

    /// <summary>
    /// Decodes a UTF-8 body choosing the profile from a set: <paramref name="profileName"/> when given (it must name a
    /// FHIR profile, else FHIR-PROFILE-UNKNOWN), otherwise per Observation the first FHIR profile whose match rules fit
    /// (meta.source as sending application, Observation.code codes), falling back to <see cref="FhirEcgProfiles.Default"/>.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> body, FhirFormat format, MappingProfileSet profiles, string? profileName, IssueList issues, out IReadOnlyList<FhirEcgInput> inputs) =>
        TryDecode(body, format, profiles, profileName, FhirDecoderOptions.Default, issues, out inputs);

    /// <summary>Decodes a UTF-8 body choosing the profile from a set, with explicit limits.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> body, FhirFormat format, MappingProfileSet profiles, string? profileName, FhirDecoderOptions options, IssueList issues, out IReadOnlyList<FhirEcgInput> inputs) =>
        TryDecode(body, format, profiles, profileName, options, embedded: null, issues, out inputs);

    /// <summary>
    /// Decodes a UTF-8 body; DocumentReference and Media resources (alone or in a Bundle) whose attachment carries a
    /// vendor ECG file inline go to <paramref name="embedded"/>, and the resource's subject, identifiers and time are laid
    /// over the result.
    /// </summary>
    public static bool TryDecode(
        ReadOnlySpan<byte> body, FhirFormat format, MappingProfileSet profiles, string? profileName, FhirDecoderOptions options, EmbeddedEcgDecoder? embedded,
        IssueList issues, out IReadOnlyList<FhirEcgInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(issues);
        inputs = [];
        if (!ProfileChoice.TryCreate(profiles, profileName, issues, out ProfileChoice? choice))
        {
            return false;
        }

        if (!FhirBodyReader.TryRead(body, format, options, issues, out Resource? resource))
        {
            return false;
        }

        return TryDecode(resource!, new ProfileChoice(choice!) { Embedded = embedded }, options, issues, out inputs);
    }

    /// <summary>Decodes an already parsed resource (an Observation or a Bundle).</summary>
    public static bool TryDecode(Resource resource, MappingProfile? profile, FhirDecoderOptions options, IssueList issues, out IReadOnlyList<FhirEcgInput> inputs) =>
        TryDecode(resource, new ProfileChoice(profile ?? FhirEcgProfiles.Default, null), options, issues, out inputs);

    private static bool TryDecode(Resource resource, ProfileChoice profiles, FhirDecoderOptions options, IssueList issues, out IReadOnlyList<FhirEcgInput> inputs)
    {
        if (options.ValidateProfile && !Validation.FhirProfileValidator.Check(resource, issues))
        {
            inputs = [];
            return false;
        }

        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(issues);
        inputs = [];
        var found = new List<FhirEcgInput>();
        var local = new IssueList();
        switch (resource)
        {
            case Observation observation:
                if (TryDecodeObservation(observation, profiles.For(observation), "Observation", null, local, out FhirEcgInput? single))
                {
                    found.Add(single!);
                }
                else if (!local.HasErrors)
                {
                    local.Error(FhirCodes.ObservationNoLeads, "Observation");
                }

                break;
            case Bundle bundle:
                DecodeBundle(bundle, profiles, options, local, found);
                break;
            case DocumentReference or Media:
                if (FhirAttachmentDecoder.TryDecode((DomainResource)resource, resource.TypeName, null, profiles.Embedded, local, out FhirEcgInput? document))
                {
                    found.Add(document!);
                }

                break;
            default:
                local.Error(FhirCodes.ResourceTypeUnsupported, resource.TypeName);
                break;
        }

        issues.AddRange(local);
        if (local.HasErrors || found.Count == 0)
        {
            return false;
        }

        inputs = found;
        return true;
    }

    private static void DecodeBundle(Bundle bundle, ProfileChoice profiles, FhirDecoderOptions options, IssueList issues, List<FhirEcgInput> found)
    {
        if (bundle.Type is not (Bundle.BundleType.Transaction or Bundle.BundleType.Batch or Bundle.BundleType.Collection))
        {
            issues.Error(FhirCodes.BundleTypeUnsupported, "Bundle.type");
            return;
        }

        for (int i = 0; i < bundle.Entry.Count; i++)
        {
            if (bundle.Entry[i].Resource is DomainResource document and (DocumentReference or Media) && FhirAttachmentDecoder.CarriesFile(document))
            {
                if (found.Count >= options.MaxObservations)
                {
                    issues.Error(FhirCodes.BundleTooManyEcgs, $"Bundle.entry[{i}]");
                    return;
                }

                if (FhirAttachmentDecoder.TryDecode(document, $"Bundle.entry[{i}].resource", bundle.Entry[i].FullUrl, profiles.Embedded, issues, out FhirEcgInput? decoded))
                {
                    found.Add(decoded!);
                }

                continue;
            }

            if (bundle.Entry[i].Resource is not Observation observation || !HasSampledData(observation))
            {
                continue;
            }

            if (found.Count >= options.MaxObservations)
            {
                issues.Error(FhirCodes.BundleTooManyEcgs, $"Bundle.entry[{i}]");
                return;
            }

            string location = $"Bundle.entry[{i}].resource";
            if (TryDecodeObservation(observation, profiles.For(observation), location, bundle.Entry[i].FullUrl, issues, out FhirEcgInput? input))
            {
                found.Add(input!);
            }
            else if (!issues.HasErrors)
            {
                issues.Error(FhirCodes.ObservationNoLeads, location);
            }
        }

        if (found.Count == 0 && !issues.HasErrors)
        {
            issues.Error(FhirCodes.BundleNoEcg, "Bundle.entry");
        }
    }

    private static bool HasSampledData(Observation observation)
    {
        if (observation.Value is SampledData)
        {
            return true;
        }

        foreach (Observation.ComponentComponent component in observation.Component)
        {
            if (component.Value is SampledData)
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryDecodeObservation(Observation observation, MappingProfile profile, string path, string? fullUrl, IssueList issues, out FhirEcgInput? input)
    {
        input = null;
        int errorsBefore = issues.ErrorCount;
        var leads = new List<LeadSignal>(LeadCatalog.Count);
        var rate = new RateCheck();

        for (int i = 0; i < observation.Component.Count; i++)
        {
            Observation.ComponentComponent component = observation.Component[i];
            if (component.Value is not SampledData sampled)
            {
                continue;
            }

            string componentPath = $"{path}.component[{i}]";
            if (!TryMapLead(component.Code, profile, out Lead lead))
            {
                issues.Warning(EcgCodes.LeadUnknown, componentPath + ".code");
                continue;
            }

            string dataPath = componentPath + ".valueSampledData";
            if (sampled.Dimensions is not 1)
            {
                issues.Error(FhirCodes.DimensionsInvalid, dataPath + ".dimensions");
                continue;
            }

            if (TryDecodeSampledData(sampled, profile, dataPath, 1, ref rate, issues, out double[][]? channels, out SampledDataParser.Scale scale))
            {
                leads.Add(new LeadSignal(lead, channels![0])
                {
                    LowerLimitMillivolts = NullIfNaN(scale.LowerMillivolts),
                    UpperLimitMillivolts = NullIfNaN(scale.UpperMillivolts),
                    SourceLocation = componentPath,
                });
            }
        }

        if (observation.Value is SampledData rootData)
        {
            DecodeRootSampledData(observation, rootData, profile, path, ref rate, issues, leads);
        }

        if (issues.ErrorCount > errorsBefore)
        {
            return false;
        }

        if (leads.Count == 0)
        {
            issues.Error(FhirCodes.ObservationNoLeads, path);
            return false;
        }

        var recording = new EcgRecording(leads, rate.RateHz)
        {
            AcquisitionTime = AcquisitionTime(observation.Effective),
            Source = Source(observation),
        };
        input = new FhirEcgInput(recording, observation, observation.Identifier, path, fullUrl);
        return true;
    }

    private static void DecodeRootSampledData(Observation observation, SampledData sampled, MappingProfile profile, string path, ref RateCheck rate, IssueList issues, List<LeadSignal> leads)
    {
        string dataPath = path + ".valueSampledData";
        int dimensions = sampled.Dimensions ?? 0;
        if (dimensions < 1)
        {
            issues.Error(FhirCodes.DimensionsInvalid, dataPath + ".dimensions");
            return;
        }

        Lead[] order;
        if (dimensions == 1 && TryMapLead(observation.Code, profile, out Lead single))
        {
            // A single-lead Observation (device IGs: Observation.code is the lead's MDC code).
            order = [single];
        }
        else if (profile.InterleavedLeadOrder.Count == 0)
        {
            issues.Error(FhirCodes.InterleavedOrderMissing, dataPath);
            return;
        }
        else if (profile.InterleavedLeadOrder.Count != dimensions)
        {
            issues.Error(FhirCodes.DimensionsInvalid, dataPath + ".dimensions");
            return;
        }
        else
        {
            order = new Lead[dimensions];
            for (int d = 0; d < dimensions; d++)
            {
                if (!LeadCatalog.TryParse(profile.InterleavedLeadOrder[d], out order[d]))
                {
                    issues.Error(FhirCodes.InterleavedOrderMissing, dataPath);
                    return;
                }
            }
        }

        if (!TryDecodeSampledData(sampled, profile, dataPath, dimensions, ref rate, issues, out double[][]? channels, out SampledDataParser.Scale scale))
        {
            return;
        }

        for (int d = 0; d < dimensions; d++)
        {
            leads.Add(new LeadSignal(order[d], channels![d])
            {
                LowerLimitMillivolts = NullIfNaN(scale.LowerMillivolts),
                UpperLimitMillivolts = NullIfNaN(scale.UpperMillivolts),
                SourceLocation = dimensions == 1 ? dataPath : $"{dataPath} dimension {d + 1}",
            });
        }
    }

    private static bool TryDecodeSampledData(SampledData sampled, MappingProfile profile, string dataPath, int dimensions, ref RateCheck rate, IssueList issues, out double[][]? channels, out SampledDataParser.Scale scale)
    {
        channels = null;
        scale = default;
        bool ok = true;

        if (sampled.Period is not decimal period || period <= 0)
        {
            issues.Error(FhirCodes.PeriodInvalid, dataPath + ".period");
            ok = false;
        }
        else if (!rate.Accept(period))
        {
            issues.Error(FhirCodes.PeriodMismatch, dataPath + ".period");
            ok = false;
        }

        double unitFactor = 0;
        if (sampled.Origin is null)
        {
            issues.Error(FhirCodes.OriginMissing, dataPath + ".origin");
            ok = false;
        }
        else if (!TryOriginUnit(sampled.Origin, profile, dataPath, issues, out unitFactor))
        {
            ok = false;
        }

        if (string.IsNullOrWhiteSpace(sampled.Data))
        {
            issues.Error(FhirCodes.DataMissing, dataPath + ".data");
            ok = false;
        }

        if (!ok)
        {
            return false;
        }

        scale = new SampledDataParser.Scale(
            (double)(sampled.Origin!.Value ?? 0m),
            (double)(sampled.Factor ?? 1m),
            unitFactor,
            sampled.LowerLimit is decimal lower ? (double)lower * unitFactor : double.NaN,
            sampled.UpperLimit is decimal upper ? (double)upper * unitFactor : double.NaN);

        ReadOnlySpan<char> data = sampled.Data.AsSpan();
        int capacity = SampledDataParser.MaxPointCount(data);
        double[] buffer = ArrayPool<double>.Shared.Rent(capacity);
        try
        {
            if (SampledDataParser.Parse(data, scale, buffer, out int count, out int invalid) != SampledDataParser.Outcome.Ok)
            {
                issues.Error(FhirCodes.DataNotNumeric, dataPath + ".data");
                return false;
            }

            if (count == 0 || count % dimensions != 0)
            {
                issues.Error(FhirCodes.DataCountMismatch, dataPath + ".data");
                return false;
            }

            if (invalid > 0)
            {
                issues.Warning(FhirCodes.DataPointInvalid, dataPath + ".data");
            }

            channels = Deinterleave(buffer.AsSpan(0, count), dimensions);
            return true;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }

    private static double[][] Deinterleave(ReadOnlySpan<double> points, int dimensions)
    {
        int perChannel = points.Length / dimensions;
        var channels = new double[dimensions][];
        if (dimensions == 1)
        {
            channels[0] = points.ToArray();
            return channels;
        }

        for (int d = 0; d < dimensions; d++)
        {
            double[] channel = new double[perChannel];
            for (int s = 0, p = d; s < perChannel; s++, p += dimensions)
            {
                channel[s] = points[p];
            }

            channels[d] = channel;
        }

        return channels;
    }

    private static bool TryOriginUnit(Quantity origin, MappingProfile profile, string dataPath, IssueList issues, out double factor)
    {
        factor = 0;
        string? code = origin.Code;
        string? unit = origin.Unit;
        if (!string.IsNullOrWhiteSpace(code))
        {
            if (profile.TryGetMillivoltFactor(code, out factor))
            {
                return true;
            }

            if (string.IsNullOrWhiteSpace(unit) || !profile.TryGetMillivoltFactor(unit, out factor))
            {
                issues.Error(EcgCodes.UnitUnsupported, dataPath + ".origin.code");
                return false;
            }

            return true;
        }

        if (!string.IsNullOrWhiteSpace(unit))
        {
            if (profile.TryGetMillivoltFactor(unit, out factor))
            {
                return true;
            }

            issues.Error(EcgCodes.UnitUnsupported, dataPath + ".origin.unit");
            return false;
        }

        if (profile.DefaultUnit is { } defaultUnit && profile.TryGetMillivoltFactor(defaultUnit, out factor))
        {
            return true;
        }

        issues.Error(FhirCodes.OriginUnitMissing, dataPath + ".origin");
        return false;
    }

    /// <summary>
    /// Maps a lead code: MDC codings (either system URI) by code, other codings only through the profile's aliases,
    /// then the concept's text through aliases and the default catalog.
    /// </summary>
    private static bool TryMapLead(CodeableConcept? concept, MappingProfile profile, out Lead lead)
    {
        lead = default;
        if (concept is null)
        {
            return false;
        }

        foreach (Coding coding in concept.Coding)
        {
            if (string.IsNullOrWhiteSpace(coding.Code))
            {
                continue;
            }

            if (coding.System is LeadCatalog.MdcOidSystem or LeadCatalog.MdcIsoSystem || coding.System is null)
            {
                if (profile.TryMapLead(coding.Code, out lead))
                {
                    return true;
                }
            }
            else if (HasAlias(profile, coding.Code) && profile.TryMapLead(coding.Code, out lead))
            {
                return true;
            }
        }

        return !string.IsNullOrWhiteSpace(concept.Text) && profile.TryMapLead(concept.Text, out lead);
    }

    private static bool HasAlias(MappingProfile profile, string code)
    {
        foreach (string key in profile.LeadAliases.Keys)
        {
            if (string.Equals(key, code.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static DateTimeOffset? AcquisitionTime(DataType? effective)
    {
        switch (effective)
        {
            case FhirDateTime dateTime when dateTime.TryToDateTimeOffset(out DateTimeOffset value):
                return value;
            case Instant instant:
                return instant.Value;
            case Period period when !string.IsNullOrEmpty(period.Start) && new FhirDateTime(period.Start).TryToDateTimeOffset(out DateTimeOffset start):
                return start;
            default:
                return null;
        }
    }

    private static EcgSource Source(Observation observation)
    {
        Identifier? identifier = null;
        foreach (Identifier candidate in observation.Identifier)
        {
            if (!string.IsNullOrEmpty(candidate.Value))
            {
                identifier = candidate;
                break;
            }
        }

        bool byId = !string.IsNullOrEmpty(observation.Id);
        return new EcgSource
        {
            SendingApplication = observation.Meta?.Source,
            PatientId = observation.Subject?.Reference ?? observation.Subject?.Identifier?.Value,
            PatientIdSystem = observation.Subject?.Reference is null ? observation.Subject?.Identifier?.System : null,
            EncounterId = observation.Encounter?.Reference ?? observation.Encounter?.Identifier?.Value,
            OrderId = observation.BasedOn.Count > 0 ? observation.BasedOn[0].Reference ?? observation.BasedOn[0].Identifier?.Value : null,
            ObservationId = byId ? observation.Id : identifier?.Value,
            ObservationIdentifierSystem = byId ? null : identifier?.System,
            DeviceId = observation.Device?.Reference ?? observation.Device?.Display,
        };
    }

    private static double? NullIfNaN(double value) => double.IsNaN(value) ? null : value;


    /// <summary>All leads of one Observation must share one period; the rate is 1000 / period (ms).</summary>
    private struct RateCheck
    {
        private decimal? _period;

        public readonly double RateHz
        {
            get
            {
                double rate = 1000.0 / (double)_period!.Value;
                double rounded = Math.Round(rate);
                return Math.Abs(rate - rounded) < 1e-6 ? rounded : rate;
            }
        }

        public bool Accept(decimal period)
        {
            if (_period is null)
            {
                _period = period;
                return true;
            }

            return _period.Value == period;
        }
    }

    /// <summary>A fixed profile, or a set of FHIR profiles to select from per Observation.</summary>
    private sealed class ProfileChoice(MappingProfile? fixedProfile, MappingProfileSet? set)
    {
        public ProfileChoice(ProfileChoice other)
            : this(other.FixedProfile, other.Set)
        {
        }

        private MappingProfile? FixedProfile => fixedProfile;

        private MappingProfileSet? Set => set;

        /// <summary>Decoder for vendor files in attachments (null: none wired in, such documents are refused).</summary>
        public EmbeddedEcgDecoder? Embedded { get; init; }

        public static bool TryCreate(MappingProfileSet profiles, string? profileName, IssueList issues, out ProfileChoice? choice)
        {
            choice = null;
            if (!string.IsNullOrWhiteSpace(profileName))
            {
                MappingProfile? named = profiles.Find(profileName.Trim());
                if (named is null || !IsFhir(named))
                {
                    issues.Error(FhirCodes.ProfileUnknown, "profile");
                    return false;
                }

                choice = new ProfileChoice(named, null);
                return true;
            }

            var fhirProfiles = new List<MappingProfile>();
            foreach (MappingProfile profile in profiles.Profiles)
            {
                if (IsFhir(profile))
                {
                    fhirProfiles.Add(profile);
                }
            }

            choice = new ProfileChoice(null, new MappingProfileSet(fhirProfiles));
            return true;
        }

        public MappingProfile For(Observation observation)
        {
            if (fixedProfile is not null)
            {
                return fixedProfile;
            }

            string? source = observation.Meta?.Source;
            foreach (Coding coding in observation.Code?.Coding ?? [])
            {
                if (!string.IsNullOrWhiteSpace(coding.Code) && set!.Select(null, source, null, coding.Code) is { } byCode)
                {
                    return byCode;
                }
            }

            return set!.Select(null, source, null, null) ?? FhirEcgProfiles.Default;
        }

        private static bool IsFhir(MappingProfile profile) => profile.Format is MappingFormat.FhirComponents or MappingFormat.FhirInterleaved;
    }
}

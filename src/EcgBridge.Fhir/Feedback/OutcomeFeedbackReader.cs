using System.Globalization;
using System.Text.Json;
using EcgBridge.Core.Feedback;
using Hl7.Fhir.Model;

namespace EcgBridge.Fhir.Feedback;

/// <summary>One feedback read from a body: the feedback, or the code (and FHIRPath) it is refused with.</summary>
public sealed record FeedbackRead(OutcomeFeedback? Feedback, string? ErrorCode, string? Location, string? MessageId)
{
    /// <summary>A refusal with its code and FHIRPath.</summary>
    public static FeedbackRead Refused(string code, string location, string? messageId) => new(null, code, location, messageId);
}

/// <summary>
/// Reads outcome feedback (issue 17): a FHIR Condition whose <c>evidence.detail</c> references the RiskAssessment, a
/// FHIR Observation (a catheterisation finding, say) whose <c>derivedFrom</c> or <c>focus</c> does, and CDS Hooks
/// feedback whose <c>card</c> is the RiskAssessment's id. A RiskAssessment is referenced literally
/// (<c>RiskAssessment/{id}</c>, relative or absolute) or by its identifier (<c>urn:ecgbridge:riskassessment|{id}</c>, which
/// an EHR keeps when it stores our result under its own id).
/// </summary>
public static class OutcomeFeedbackReader
{
    private static readonly HashSet<string> PositiveValues = new(StringComparer.Ordinal)
    {
        FhirSystems.Snomed + "|10828004", FhirSystems.Snomed + "|52101004", InterpretationSystem + "|POS",
    };

    private static readonly HashSet<string> NegativeValues = new(StringComparer.Ordinal)
    {
        FhirSystems.Snomed + "|260385009", FhirSystems.Snomed + "|2667000", InterpretationSystem + "|NEG",
    };

    private const string InterpretationSystem = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";

    /// <summary>
    /// The default codes of a confirmed or refuted occlusion MI: SNOMED CT acute MI, acute STEMI, acute NSTEMI, MI, and
    /// EcgBridge's own <c>omi</c> (in the outcome code system of this installation). <c>EcgBridge:Feedback:OmiCodes</c>
    /// replaces them.
    /// </summary>
    public static IReadOnlyList<string> DefaultOmiCodes =>
    [
        FhirSystems.Snomed + "|" + FhirSystems.SnomedAcuteMi,
        FhirSystems.Snomed + "|401303003",
        FhirSystems.Snomed + "|401314000",
        FhirSystems.Snomed + "|22298006",
        FhirSystems.Outcome + "|" + FhirSystems.OutcomeOmiCode,
    ];

    /// <summary>An Observation that is feedback, not an ECG: no waveform, and it points at a RiskAssessment.</summary>
    public static bool IsFeedback(Observation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        return observation.Value is not SampledData
            && !observation.Component.Any(c => c.Value is SampledData)
            && observation.DerivedFrom.Concat(observation.Focus).Any(r => RiskAssessmentId(r) is not null);
    }

    /// <summary>Reads a Condition or an Observation; <paramref name="sender"/> (the client) and the id make its key.</summary>
    public static FeedbackRead Read(Resource resource, string sender, IReadOnlySet<string> omiCodes, string rawSha256)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(omiCodes);
        return resource switch
        {
            Condition condition => ReadCondition(condition, sender, omiCodes, rawSha256),
            Observation observation => ReadObservation(observation, sender, omiCodes, rawSha256),
            _ => FeedbackRead.Refused(FeedbackCodes.Unreadable, resource.TypeName, resource.Id),
        };
    }

    /// <summary>Reads CDS Hooks feedback (<c>{"feedback": [{card, outcome, overrideReason?, outcomeTimestamp}]}</c>), one read per item.</summary>
    public static IReadOnlyList<FeedbackRead> ReadCdsHooks(ReadOnlySpan<byte> body, string sender)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(body);
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException)
        {
            return [FeedbackRead.Refused(FeedbackCodes.Unreadable, "body", null)];
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("feedback", out JsonElement items)
                || items.ValueKind != JsonValueKind.Array
                || items.GetArrayLength() == 0)
            {
                return [FeedbackRead.Refused(FeedbackCodes.Unreadable, "feedback", null)];
            }

            var reads = new List<FeedbackRead>(items.GetArrayLength());
            int index = 0;
            foreach (JsonElement item in items.EnumerateArray())
            {
                reads.Add(ReadCdsItem(item, sender, "feedback[" + index.ToString(CultureInfo.InvariantCulture) + "]"));
                index++;
            }

            return reads;
        }
    }

    /// <summary>The RiskAssessment id a reference names, or null.</summary>
    public static string? RiskAssessmentId(ResourceReference? reference)
    {
        if (reference is null)
        {
            return null;
        }

        if (reference.Reference is { Length: > 0 } literal)
        {
            string[] parts = literal.Split('/');
            int at = Array.LastIndexOf(parts, "RiskAssessment");
            return at >= 0 && at + 1 < parts.Length && parts[at + 1].Length > 0 ? parts[at + 1] : null;
        }

        return reference.Identifier is { System: FhirSystems.RiskAssessmentIdentifier, Value.Length: > 0 } identifier ? identifier.Value : null;
    }

    /// <summary>
    /// A subject as the RiskAssessment's search key: the literal reference (<c>Patient/123</c>), else the logical
    /// identifier as <c>system|value</c>; null when it has neither.
    /// </summary>
    public static string? SubjectKey(ResourceReference? subject) =>
        subject?.Reference is { Length: > 0 } literal ? literal
        : subject?.Identifier is { Value.Length: > 0 } identifier ? identifier.System + "|" + identifier.Value
        : null;

    private static FeedbackRead ReadCondition(Condition condition, string sender, IReadOnlySet<string> omiCodes, string rawSha256)
    {
        string? id = condition.Id;
        string? assessment = condition.Evidence.SelectMany(e => e.Detail).Select(RiskAssessmentId).FirstOrDefault(x => x is not null);
        if (assessment is null)
        {
            return FeedbackRead.Refused(FeedbackCodes.ReferenceMissing, "Condition.evidence.detail", id);
        }

        if (SubjectKey(condition.Subject) is not { } subject)
        {
            return FeedbackRead.Refused(FeedbackCodes.SubjectMissing, "Condition.subject", id);
        }

        if (Matching(condition.Code, omiCodes) is not { } finding)
        {
            return FeedbackRead.Refused(FeedbackCodes.CodeUnknown, "Condition.code", id);
        }

        bool? confirmed = condition.VerificationStatus?.Coding.FirstOrDefault()?.Code switch
        {
            "confirmed" => true,
            "refuted" => false,
            _ => null,
        };
        if (confirmed is null)
        {
            return FeedbackRead.Refused(FeedbackCodes.NotConclusive, "Condition.verificationStatus", id);
        }

        DateTimeOffset? occurred = (condition.Onset as FhirDateTime)?.TryToDateTimeOffset(out DateTimeOffset onset) == true ? onset
            : condition.RecordedDateElement?.TryToDateTimeOffset(out DateTimeOffset recorded) == true ? recorded
            : null;
        return Diagnosis(FeedbackKind.Condition, Key("condition", sender, condition.Identifier, id, rawSha256), assessment, subject, confirmed.Value, finding, occurred, id);
    }

    private static FeedbackRead ReadObservation(Observation observation, string sender, IReadOnlySet<string> omiCodes, string rawSha256)
    {
        string? id = observation.Id;
        string? assessment = observation.DerivedFrom.Concat(observation.Focus).Select(RiskAssessmentId).FirstOrDefault(x => x is not null);
        if (assessment is null)
        {
            return FeedbackRead.Refused(FeedbackCodes.ReferenceMissing, "Observation.derivedFrom", id);
        }

        if (SubjectKey(observation.Subject) is not { } subject)
        {
            return FeedbackRead.Refused(FeedbackCodes.SubjectMissing, "Observation.subject", id);
        }

        if (Matching(observation.Code, omiCodes) is not { } finding)
        {
            return FeedbackRead.Refused(FeedbackCodes.CodeUnknown, "Observation.code", id);
        }

        if (observation.Status is not (ObservationStatus.Final or ObservationStatus.Amended or ObservationStatus.Corrected))
        {
            return FeedbackRead.Refused(FeedbackCodes.NotConclusive, "Observation.status", id);
        }

        bool? confirmed = observation.Value switch
        {
            FhirBoolean b => b.Value,
            CodeableConcept concept => Polarity(concept.Coding),
            _ => null,
        } ?? Polarity(observation.Interpretation.SelectMany(c => c.Coding));
        if (confirmed is null)
        {
            return FeedbackRead.Refused(FeedbackCodes.NotConclusive, "Observation.value", id);
        }

        DateTimeOffset? occurred = (observation.Effective as FhirDateTime)?.TryToDateTimeOffset(out DateTimeOffset effective) == true ? effective : null;
        return Diagnosis(FeedbackKind.Observation, Key("observation", sender, observation.Identifier, id, rawSha256), assessment, subject, confirmed.Value, finding, occurred, id);
    }

    private static FeedbackRead Diagnosis(FeedbackKind kind, string key, string assessment, string subject, bool confirmed, string finding, DateTimeOffset? occurred, string? id) =>
        new(
            new OutcomeFeedback
            {
                Kind = kind,
                Key = key,
                RiskAssessmentId = assessment,
                Subject = subject,
                Confirmed = confirmed,
                Finding = finding,
                OccurredAt = occurred,
            },
            null,
            null,
            id);

    private static FeedbackRead ReadCdsItem(JsonElement item, string sender, string path)
    {
        string? card = Text(item, "card");
        if (card is null)
        {
            return FeedbackRead.Refused(FeedbackCodes.ReferenceMissing, path + ".card", null);
        }

        string? outcome = Text(item, "outcome");
        if (outcome is not ("accepted" or "overridden"))
        {
            return FeedbackRead.Refused(FeedbackCodes.NotConclusive, path + ".outcome", card);
        }

        string? timestamp = Text(item, "outcomeTimestamp");
        DateTimeOffset? occurred = DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTimeOffset at) ? at : null;
        string? reason = null;
        if (item.TryGetProperty("overrideReason", out JsonElement overrideReason)
            && overrideReason.ValueKind == JsonValueKind.Object
            && overrideReason.TryGetProperty("reason", out JsonElement coding)
            && coding.ValueKind == JsonValueKind.Object)
        {
            reason = Text(coding, "system") + "|" + Text(coding, "code");
        }

        return new FeedbackRead(
            new OutcomeFeedback
            {
                Kind = FeedbackKind.CdsHooks,
                Key = "cds-hooks|" + sender + "|" + card + "|" + outcome + "|" + (timestamp ?? ""),
                RiskAssessmentId = card,
                Response = outcome,
                Finding = reason,
                OccurredAt = occurred,
            },
            null,
            null,
            card);
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : null;

    private static string? Matching(CodeableConcept? code, IReadOnlySet<string> omiCodes) =>
        code?.Coding.Select(c => c.System + "|" + c.Code).FirstOrDefault(omiCodes.Contains);

    private static bool? Polarity(IEnumerable<Coding> codings)
    {
        foreach (Coding coding in codings)
        {
            string key = coding.System + "|" + coding.Code;
            if (PositiveValues.Contains(key))
            {
                return true;
            }

            if (NegativeValues.Contains(key))
            {
                return false;
            }
        }

        return null;
    }

    // The sender's own identity for this feedback: its business identifier, else its id, else the body's hash (so a
    // byte-identical resend is still a duplicate).
    private static string Key(string kind, string sender, List<Identifier> identifiers, string? id, string rawSha256)
    {
        Identifier? identifier = identifiers.FirstOrDefault(i => i.Value is { Length: > 0 });
        string own = identifier is not null ? "identifier:" + identifier.System + "|" + identifier.Value
            : id is { Length: > 0 } ? "id:" + id
            : "sha256:" + rawSha256;
        return kind + "|" + sender + "|" + own;
    }
}

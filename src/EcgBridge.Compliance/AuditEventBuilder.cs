using System.Globalization;
using System.Text;
using EcgBridge.Core.Audit;
using EcgBridge.Core.Scoring;
using EcgBridge.Fhir.Outputs;
using Hl7.Fhir.Model;

namespace EcgBridge.Compliance;

/// <summary>
/// FHIR R4 AuditEvents following IHE BALP patterns: one per audit row (the prediction and the steps around it,
/// BALP "Create" shape) and one per read of the audit record (BALP "Query" shape). The patient appears only as the
/// HMAC hash of the id; no names, no waveform, no input values.
/// </summary>
public static class AuditEventBuilder
{
    /// <summary>Identifier value of the EcgBridge service as an agent and observer.</summary>
    public const string ServiceApplication = "ecgbridge";

    /// <summary>
    /// The AuditEvent of one audit row. Scored rows are the prediction: RiskAssessment created (action C, subtype
    /// create) by the model Device; accepted/rejected/duplicate rows record the receipt of the source message; a failed
    /// row records the failed model execution (action E, outcome 8). The id is derived from the row's chain hash.
    /// </summary>
    public static AuditEvent ForEntry(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        bool failed = entry.Outcome == AuditOutcome.Failed;
        var auditEvent = new AuditEvent
        {
            Id = FhirIds.ForKind("AuditEvent", entry.Hash),
            Type = new Coding(ComplianceSystems.AuditEventType, "rest", "RESTful Operation"),
            Subtype = [failed
                ? new Coding(ComplianceSystems.RestfulInteraction, "operation", "operation")
                : new Coding(ComplianceSystems.RestfulInteraction, "create", "create")],
            Action = failed ? AuditEvent.AuditEventAction.E : AuditEvent.AuditEventAction.C,
            Period = new Period(new FhirDateTime(entry.ReceivedAt), entry.FinishedAt is { } finished ? new FhirDateTime(finished) : null),
            Recorded = entry.FinishedAt ?? entry.ReceivedAt,
            Outcome = entry.Outcome switch
            {
                AuditOutcome.Rejected => AuditEvent.AuditEventOutcome.N4,
                AuditOutcome.Failed => AuditEvent.AuditEventOutcome.N8,
                _ => AuditEvent.AuditEventOutcome.N0,
            },
            OutcomeDesc = OutcomeText(entry),
            Source = ServiceSource(),
        };

        if (!string.IsNullOrEmpty(entry.SourceSystem))
        {
            auditEvent.Agent.Add(new AuditEvent.AgentComponent
            {
                Type = new CodeableConcept(ComplianceSystems.Dicom, "110153", "Source Role ID"),
                Who = new ResourceReference { Identifier = new Identifier(ComplianceSystems.SourceSystem, entry.SourceSystem) },
                Requestor = true,
            });
        }

        auditEvent.Agent.Add(ApplicationAgent(ServiceApplication, requestor: string.IsNullOrEmpty(entry.SourceSystem)));
        if (ModelOf(entry) is { } model)
        {
            auditEvent.Agent.Add(new AuditEvent.AgentComponent
            {
                Type = new CodeableConcept(ComplianceSystems.ParticipationType, "DEV", "device"),
                Who = new ResourceReference("Device/" + ModelDeviceBuilder.DeviceId(model), $"{model.Name} {model.Version}"),
                Requestor = false,
            });
        }

        if (entry.RiskAssessmentId is { Length: > 0 } riskAssessmentId)
        {
            var riskEntity = new AuditEvent.EntityComponent
            {
                What = new ResourceReference("RiskAssessment/" + riskAssessmentId),
                Type = new Coding(ComplianceSystems.EntityType, "2", "System Object"),
                Role = new Coding(ComplianceSystems.ObjectRole, "4", "Domain Resource"),
                Lifecycle = new Coding(ComplianceSystems.Lifecycle, "1", "Origination / Creation"),
            };
            AddDetail(riskEntity, "probability", entry.Probability?.ToString("R", CultureInfo.InvariantCulture));
            AddDetail(riskEntity, "risk", entry.Risk is { } risk ? RiskThresholds.Code(risk) : null);
            AddDetail(riskEntity, "modelSha256", entry.ModelSha256);
            AddDetail(riskEntity, "preprocessingVersion", entry.PreprocessingVersion);
            auditEvent.Entity.Add(riskEntity);
        }

        auditEvent.Entity.Add(SourceEntity(entry));
        if (entry.PatientIdHash is { Length: > 0 } patientHash)
        {
            auditEvent.Entity.Add(PatientEntity(patientHash));
        }

        return auditEvent;
    }

    /// <summary>
    /// The BALP Query AuditEvent of one read of the audit record: type rest, subtype search-type, action E, the
    /// accessor as requestor, the query entity (role 24, the query text base64 in <c>entity.query</c>) and the patient
    /// searched for as its hash only.
    /// </summary>
    public static AuditEvent ForQuery(AuditQueryAccess access)
    {
        ArgumentNullException.ThrowIfNull(access);
        var auditEvent = new AuditEvent
        {
            Id = Guid.NewGuid().ToString("N"),
            Type = new Coding(ComplianceSystems.AuditEventType, "rest", "RESTful Operation"),
            Subtype = [new Coding(ComplianceSystems.RestfulInteraction, "search-type", "search-type")],
            Action = AuditEvent.AuditEventAction.E,
            Recorded = access.Recorded,
            Outcome = access.FailureCode is null ? AuditEvent.AuditEventOutcome.N0 : AuditEvent.AuditEventOutcome.N4,
            OutcomeDesc = access.FailureCode,
            PurposeOfEvent = [new CodeableConcept(ComplianceSystems.ActReason, "HCOMPL", "health compliance")],
            Agent =
            [
                new AuditEvent.AgentComponent
                {
                    Type = new CodeableConcept(ComplianceSystems.ParticipationType, "IRCP", "information recipient"),
                    Who = new ResourceReference { Identifier = new Identifier(ComplianceSystems.Accessor, access.Accessor) },
                    Requestor = true,
                },
                ApplicationAgent(access.Application, requestor: false),
            ],
            Source = ServiceSource(),
        };

        var query = new AuditEvent.EntityComponent
        {
            Type = new Coding(ComplianceSystems.EntityType, "2", "System Object"),
            Role = new Coding(ComplianceSystems.ObjectRole, "24", "Query"),
            Description = access.Interaction,
            Query = Encoding.UTF8.GetBytes(access.QueryText),
        };
        AddDetail(query, "resultCount", access.ResultCount?.ToString(CultureInfo.InvariantCulture));
        auditEvent.Entity.Add(query);
        if (access.PatientIdHash is { Length: > 0 } patientHash)
        {
            auditEvent.Entity.Add(PatientEntity(patientHash));
        }

        return auditEvent;
    }

    /// <summary>
    /// The security AuditEvent of a refused HTTP request (401/403): DICOM Security Alert, subtype "use of a restricted
    /// function", outcome 4, the client as requestor when the token identified it, the network address, and the
    /// method and path (no query string) as the entity. <paramref name="code"/> goes to <c>outcomeDesc</c>; no token text.
    /// </summary>
    public static AuditEvent ForSecurityRefusal(DateTimeOffset recorded, string? client, string? networkAddress, string method, string path, string code)
    {
        var auditEvent = new AuditEvent
        {
            Id = Guid.NewGuid().ToString("N"),
            Type = new Coding(ComplianceSystems.Dicom, "110113", "Security Alert"),
            Subtype = [new Coding(ComplianceSystems.Dicom, "110132", "Use of a restricted function")],
            Action = AuditEvent.AuditEventAction.E,
            Recorded = recorded,
            Outcome = AuditEvent.AuditEventOutcome.N4,
            OutcomeDesc = code,
            Source = ServiceSource(),
        };
        var requestor = new AuditEvent.AgentComponent
        {
            Type = new CodeableConcept(ComplianceSystems.Dicom, "110153", "Source Role ID"),
            Who = client is { Length: > 0 } ? new ResourceReference { Identifier = new Identifier(ComplianceSystems.Accessor, client) } : null,
            Requestor = true,
        };
        if (networkAddress is { Length: > 0 })
        {
            requestor.Network = new AuditEvent.NetworkComponent { Address = networkAddress, Type = AuditEvent.AuditEventAgentNetworkType.N2 };
        }

        auditEvent.Agent.Add(requestor);
        auditEvent.Agent.Add(ApplicationAgent(ServiceApplication, requestor: false));
        auditEvent.Entity.Add(new AuditEvent.EntityComponent
        {
            Type = new Coding(ComplianceSystems.EntityType, "2", "System Object"),
            Description = method + " " + path,
        });
        return auditEvent;
    }

    /// <summary>
    /// The BALP Delete AuditEvent of one retention run: type rest, subtype delete, action D, the service as requestor,
    /// one entity for the deleted raw payload copies (lifecycle logical deletion) with the cutoff and the counts. No
    /// patient entity: a run deletes by age, not by patient.
    /// </summary>
    public static AuditEvent ForRetentionPrune(RetentionPrune prune)
    {
        ArgumentNullException.ThrowIfNull(prune);
        var auditEvent = new AuditEvent
        {
            Id = Guid.NewGuid().ToString("N"),
            Type = new Coding(ComplianceSystems.AuditEventType, "rest", "RESTful Operation"),
            Subtype = [new Coding(ComplianceSystems.RestfulInteraction, "delete", "delete")],
            Action = AuditEvent.AuditEventAction.D,
            Recorded = prune.Recorded,
            Outcome = prune.FailureCode is null ? AuditEvent.AuditEventOutcome.N0 : AuditEvent.AuditEventOutcome.N8,
            OutcomeDesc = prune.FailureCode,
            PurposeOfEvent = [new CodeableConcept(ComplianceSystems.ActReason, "HOPERAT", "healthcare operations")],
            Agent = [ApplicationAgent(ServiceApplication, requestor: true)],
            Source = ServiceSource(),
        };
        var deleted = new AuditEvent.EntityComponent
        {
            Type = new Coding(ComplianceSystems.EntityType, "2", "System Object"),
            Role = new Coding(ComplianceSystems.ObjectRole, "4", "Domain Resource"),
            Lifecycle = new Coding(ComplianceSystems.Lifecycle, "14", "Logical deletion"),
            Description = "retention: raw payload copies (stored ECG tensors, scored spool files); audit rows kept",
        };
        AddDetail(deleted, "cutoff", prune.Cutoff.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        AddDetail(deleted, "retentionDays", prune.RetentionDays.ToString(CultureInfo.InvariantCulture));
        AddDetail(deleted, "deletedTensors", prune.DeletedTensors.ToString(CultureInfo.InvariantCulture));
        AddDetail(deleted, "deletedSpoolFiles", prune.DeletedSpoolFiles.ToString(CultureInfo.InvariantCulture));
        auditEvent.Entity.Add(deleted);
        return auditEvent;
    }

    /// <summary>A collection Bundle of AuditEvents (the <c>auditevent-bundle</c> export).</summary>
    public static Bundle ToCollection(IEnumerable<AuditEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var bundle = new Bundle { Type = Bundle.BundleType.Collection };
        foreach (AuditEvent auditEvent in events)
        {
            bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = "urn:uuid:" + GuidFrom(auditEvent.Id ?? Guid.NewGuid().ToString("N")), Resource = auditEvent });
        }

        return bundle;
    }

    private static string GuidFrom(string id)
    {
        // AuditEvent ids are 32 or 64 hex digits; the first 32 make a stable urn:uuid.
        string hex = id.Length >= 32 ? id[..32] : id.PadRight(32, '0');
        return Guid.ParseExact(hex, "N").ToString("D");
    }

    private static ModelIdentity? ModelOf(AuditEntry entry) =>
        entry is { ModelName: { Length: > 0 } name, ModelVersion: { Length: > 0 } version, ModelSha256: { Length: > 0 } sha256 }
            ? new ModelIdentity(name, version, sha256, entry.PreprocessingVersion ?? "")
            : null;

    private static string? OutcomeText(AuditEntry entry)
    {
        string outcome = ComplianceNames.Of(entry.Outcome);
        return entry.ErrorCodes.Count == 0 ? outcome : outcome + ": " + string.Join("; ", entry.ErrorCodes);
    }

    private static AuditEvent.AgentComponent ApplicationAgent(string application, bool requestor) => new()
    {
        Type = new CodeableConcept(ComplianceSystems.Dicom, "110150", "Application"),
        Who = new ResourceReference { Identifier = new Identifier(ComplianceSystems.Application, application), Display = "EcgBridge" },
        Requestor = requestor,
    };

    private static AuditEvent.SourceComponent ServiceSource() => new()
    {
        Observer = new ResourceReference { Identifier = new Identifier(ComplianceSystems.Application, ServiceApplication), Display = "EcgBridge" },
        Type = [new Coding(ComplianceSystems.SecuritySourceType, "4", "Application Server")],
    };

    private static AuditEvent.EntityComponent SourceEntity(AuditEntry entry)
    {
        bool fhirObservation = entry.Channel == AuditChannel.Fhir && entry.MessageId is { } id && Hl7.Fhir.Model.Id.IsValidValue(id);
        var entity = new AuditEvent.EntityComponent
        {
            What = fhirObservation
                ? new ResourceReference("Observation/" + entry.MessageId)
                : new ResourceReference { Identifier = new Identifier(ComplianceSystems.SourceMessage, entry.MessageId ?? entry.DedupeKey) },
            Type = new Coding(ComplianceSystems.EntityType, "2", "System Object"),
            Role = fhirObservation
                ? new Coding(ComplianceSystems.ObjectRole, "4", "Domain Resource")
                : new Coding(ComplianceSystems.ObjectRole, "3", "Report"),
        };
        AddDetail(entity, "auditSeq", entry.Sequence.ToString(CultureInfo.InvariantCulture));
        AddDetail(entity, "channel", ComplianceNames.Of(entry.Channel));
        AddDetail(entity, "dedupeKey", entry.DedupeKey);
        AddDetail(entity, "rawSha256", entry.RawSha256);
        AddDetail(entity, "tensorSha256", entry.TensorSha256);
        AddDetail(entity, "auditHash", entry.Hash);
        return entity;
    }

    private static AuditEvent.EntityComponent PatientEntity(string patientIdHash) => new()
    {
        What = new ResourceReference { Identifier = new Identifier(ComplianceSystems.PatientIdHash, patientIdHash) },
        Type = new Coding(ComplianceSystems.EntityType, "1", "Person"),
        Role = new Coding(ComplianceSystems.ObjectRole, "1", "Patient"),
    };

    private static void AddDetail(AuditEvent.EntityComponent entity, string type, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            entity.Detail.Add(new AuditEvent.DetailComponent { Type = type, Value = new FhirString(value) });
        }
    }
}

namespace EcgBridge.Compliance;

/// <summary>Code and identifier systems used in the AuditEvents of the compliance export and the access log.</summary>
public static class ComplianceSystems
{
    /// <summary>http://terminology.hl7.org/CodeSystem/audit-event-type (BALP: <c>rest</c>).</summary>
    public const string AuditEventType = "http://terminology.hl7.org/CodeSystem/audit-event-type";

    /// <summary>http://hl7.org/fhir/restful-interaction (subtypes <c>create</c>, <c>search-type</c>, <c>operation</c>).</summary>
    public const string RestfulInteraction = "http://hl7.org/fhir/restful-interaction";

    /// <summary>DICOM controlled terminology (agent types 110150 Application, 110153 Source Role ID).</summary>
    public const string Dicom = "http://dicom.nema.org/resources/ontology/DCM";

    /// <summary>v3 ParticipationType (DEV device, IRCP information recipient).</summary>
    public const string ParticipationType = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";

    /// <summary>v3 ActReason (HCOMPL health compliance, the purpose of an audit read).</summary>
    public const string ActReason = "http://terminology.hl7.org/CodeSystem/v3-ActReason";

    /// <summary>security-source-type (4 Application Server).</summary>
    public const string SecuritySourceType = "http://terminology.hl7.org/CodeSystem/security-source-type";

    /// <summary>audit-entity-type (1 Person, 2 System Object).</summary>
    public const string EntityType = "http://terminology.hl7.org/CodeSystem/audit-entity-type";

    /// <summary>object-role (1 Patient, 3 Report, 4 Domain Resource, 24 Query).</summary>
    public const string ObjectRole = "http://terminology.hl7.org/CodeSystem/object-role";

    /// <summary>dicom-audit-lifecycle (1 Origination / Creation, 6 Access / Use).</summary>
    public const string Lifecycle = "http://terminology.hl7.org/CodeSystem/dicom-audit-lifecycle";

    /// <summary>Identifier system of the patient entity: the value is the HMAC-SHA256 of the patient id, never the id.</summary>
    public const string PatientIdHash = "urn:ecgbridge:patient-id-hmac-sha256";

    /// <summary>Identifier system of sending systems (MSH-3^MSH-4 or the FHIR client).</summary>
    public const string SourceSystem = "urn:ecgbridge:source-system";

    /// <summary>Identifier system of source messages (MSH-10 control id or Observation id).</summary>
    public const string SourceMessage = "urn:ecgbridge:source-message";

    /// <summary>Identifier system of EcgBridge applications (<c>ecgbridge</c>, <c>ecgbridge-cli</c>).</summary>
    public const string Application = "urn:ecgbridge:application";

    /// <summary>Identifier system of people and processes that read the audit record (<c>user@host</c>, token subject).</summary>
    public const string Accessor = "urn:ecgbridge:accessor";

    /// <summary>Identifier system of audit rows (value: the row's sequence number).</summary>
    public const string AuditRow = "urn:ecgbridge:audit-seq";
}

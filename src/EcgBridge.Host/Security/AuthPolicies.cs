namespace EcgBridge.Host.Security;

/// <summary>Names of the authorisation policies, scopes and roles the HTTP API enforces.</summary>
public static class AuthPolicies
{
    /// <summary>SMART system scope (and policy name) for POST /fhir/Observation and POST /fhir.</summary>
    public const string ObservationWrite = "system/Observation.write";

    /// <summary>SMART system scope (and policy name) for outcome feedback: POST /fhir/Condition and CDS Hooks feedback.</summary>
    public const string ConditionWrite = "system/Condition.write";

    /// <summary>SMART system scope (and policy name) for GET /fhir/RiskAssessment*.</summary>
    public const string RiskAssessmentRead = "system/RiskAssessment.read";

    /// <summary>Role (in the <c>roles</c> claim) and policy name for the compliance API and page.</summary>
    public const string Auditor = "auditor";

    /// <summary>HttpOnly cookie the compliance page may carry the bearer token in (read on /compliance paths only).</summary>
    public const string AuditorCookieName = "ecgbridge_auditor_token";
}

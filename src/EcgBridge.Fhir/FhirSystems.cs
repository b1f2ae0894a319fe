namespace EcgBridge.Fhir;

/// <summary>Code systems and identifier systems EcgBridge writes into FHIR resources.</summary>
public static class FhirSystems
{
    /// <summary>
    /// The canonical base when none is configured: the FHIR base of a service on its default address. An installation
    /// sets <c>EcgBridge:Fhir:CanonicalBase</c> (or <c>EcgBridge:PublicBaseUrl</c>, which it defaults to).
    /// </summary>
    public const string DefaultCanonicalBase = "http://localhost:8080/fhir";

    private static string s_canonicalBase = DefaultCanonicalBase;

    /// <summary>
    /// Base of the canonical URLs of EcgBridge's own code systems (<c>&lt;base&gt;/CodeSystem/&lt;id&gt;</c>, which the
    /// service serves, so they resolve). Process-wide: set once at start by <see cref="UseCanonicalBase"/>.
    /// </summary>
    public static string CanonicalBase => Volatile.Read(ref s_canonicalBase);

    /// <summary>Sets <see cref="CanonicalBase"/>: an absolute http(s) URL (a trailing slash is dropped).</summary>
    public static void UseCanonicalBase(string url)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            throw new ArgumentException($"The FHIR canonical base '{url}' is not an absolute http(s) URL without query or fragment.", nameof(url));
        }

        Volatile.Write(ref s_canonicalBase, url.Trim().TrimEnd('/'));
    }

    /// <summary>Our error codes (FhirCodes, EcgCodes, …) in OperationOutcome.issue.details.coding.</summary>
    public static string ErrorCodes => CanonicalBase + "/CodeSystem/error-codes";

    /// <summary>Identifier system of RiskAssessments (value: hex SHA-256 of the dedupe key).</summary>
    public const string RiskAssessmentIdentifier = "urn:ecgbridge:riskassessment";

    /// <summary>Identifier system of the model's SHA-256 on its Device.</summary>
    public const string ModelSha256Identifier = "urn:ecgbridge:model-sha256";

    /// <summary>Identifier system of ECG Observations EcgBridge builds from HL7 v2 input.</summary>
    public const string EcgObservationIdentifier = "urn:ecgbridge:ecg-observation";

    /// <summary>Local code system of predicted outcomes.</summary>
    public static string Outcome => CanonicalBase + "/CodeSystem/outcome";

    /// <summary>Local code for occlusion myocardial infarction.</summary>
    public const string OutcomeOmiCode = "omi";

    /// <summary>Local code system naming models (RiskAssessment.method).</summary>
    public static string Model => CanonicalBase + "/CodeSystem/model";

    /// <summary>
    /// Extension on the model Device referencing its model card (a DocumentReference): <c>aitransparency.modelCardDescription</c>
    /// of the HL7 AI Transparency on FHIR IG.
    /// </summary>
    public const string ModelCardExtension = "http://hl7.org/fhir/uv/aitransparency/StructureDefinition/aitransparency.modelCardDescription";

    /// <summary>SNOMED CT.</summary>
    public const string Snomed = "http://snomed.info/sct";

    /// <summary>SNOMED CT 57054005 acute myocardial infarction (broader than OMI).</summary>
    public const string SnomedAcuteMi = "57054005";

    /// <summary>LOINC.</summary>
    public const string Loinc = "http://loinc.org";

    /// <summary>LOINC 11524-6 EKG study.</summary>
    public const string LoincEkgStudy = "11524-6";

    /// <summary>MDC 131328 MDC_ECG_ELEC_POTL (ECG electrical potential, the 12-lead ECG observation code of the device IGs).</summary>
    public const string MdcEcgElecPotl = "131328";

    /// <summary>http://terminology.hl7.org/CodeSystem/risk-probability.</summary>
    public const string RiskProbability = "http://terminology.hl7.org/CodeSystem/risk-probability";

    /// <summary>http://terminology.hl7.org/CodeSystem/v3-ObservationValue (AIAST lives here).</summary>
    public const string V3ObservationValue = "http://terminology.hl7.org/CodeSystem/v3-ObservationValue";

    /// <summary>UCUM.</summary>
    public const string Ucum = "http://unitsofmeasure.org";
}

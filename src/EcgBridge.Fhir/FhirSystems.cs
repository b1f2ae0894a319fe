namespace EcgBridge.Fhir;

/// <summary>Code systems and identifier systems EcgBridge writes into FHIR resources.</summary>
public static class FhirSystems
{
    /// <summary>Our error codes (FhirCodes, EcgCodes, …) in OperationOutcome.issue.details.coding.</summary>
    public const string ErrorCodes = "https://ecgbridge.example/error-codes";

    /// <summary>Identifier system of RiskAssessments (value: hex SHA-256 of the dedupe key).</summary>
    public const string RiskAssessmentIdentifier = "urn:ecgbridge:riskassessment";

    /// <summary>Identifier system of the model's SHA-256 on its Device.</summary>
    public const string ModelSha256Identifier = "urn:ecgbridge:model-sha256";

    /// <summary>Identifier system of ECG Observations EcgBridge builds from HL7 v2 input.</summary>
    public const string EcgObservationIdentifier = "urn:ecgbridge:ecg-observation";

    /// <summary>Local code system of predicted outcomes.</summary>
    public const string Outcome = "https://ecgbridge.example/CodeSystem/outcome";

    /// <summary>Local code for occlusion myocardial infarction.</summary>
    public const string OutcomeOmiCode = "omi";

    /// <summary>Local code system naming models (RiskAssessment.method).</summary>
    public const string Model = "https://ecgbridge.example/CodeSystem/model";

    /// <summary>Extension on the model Device pointing to its model card.</summary>
    public const string ModelCardExtension = "https://ecgbridge.example/fhir/StructureDefinition/model-card";

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

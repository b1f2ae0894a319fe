using System.Text;

namespace EcgBridge.Host.Http;

/// <summary>The server's CapabilityStatement (FHIR R4): what <c>/fhir</c> accepts and serves.</summary>
internal static class CapabilityStatementJson
{
    public static byte[] Bytes { get; } = Encoding.UTF8.GetBytes("""
        {
          "resourceType": "CapabilityStatement",
          "name": "EcgBridgeCapabilityStatement",
          "title": "EcgBridge FHIR API",
          "status": "active",
          "date": "2026-12-04",
          "kind": "instance",
          "software": { "name": "EcgBridge", "version": "0.1.0" },
          "implementation": { "description": "EcgBridge ECG AI middleware: ECG Observations in, RiskAssessments out" },
          "fhirVersion": "4.0.1",
          "format": [ "application/fhir+json", "application/fhir+xml" ],
          "rest": [
            {
              "mode": "server",
              "security": {
                "service": [ { "coding": [ { "system": "http://terminology.hl7.org/CodeSystem/restful-security-service", "code": "SMART-on-FHIR" } ] } ],
                "description": "Bearer JWT with SMART system scopes: system/Observation.write to POST ECGs, system/Condition.write for outcome feedback, system/RiskAssessment.read to read and search"
              },
              "resource": [
                {
                  "type": "Observation",
                  "interaction": [ { "code": "create" } ],
                  "documentation": "12-lead ECG with SampledData; answered 202 Accepted once durable, with Content-Location of /fhir/_status/<id> (202 until scored, then 200 with the RiskAssessment). An Observation without a waveform whose derivedFrom or focus references a RiskAssessment is outcome feedback (a confirmed finding): answered 200 with an OperationOutcome (FEEDBACK-RECORDED) or refused with a FEEDBACK- code"
                },
                {
                  "type": "Condition",
                  "interaction": [ { "code": "create" } ],
                  "documentation": "Outcome feedback: a confirmed or refuted occlusion MI whose evidence.detail references a RiskAssessment; recorded with an audit row (200 OperationOutcome FEEDBACK-RECORDED), not stored as a readable Condition; scope system/Condition.write"
                },
                {
                  "type": "RiskAssessment",
                  "interaction": [ { "code": "read" }, { "code": "search-type" } ],
                  "versioning": "versioned",
                  "readHistory": false,
                  "conditionalRead": "not-match",
                  "searchParam": [
                    { "name": "subject", "type": "reference", "documentation": "Patient/<id>, a bare id (read as Patient/<id>), or an absolute reference" },
                    { "name": "patient", "type": "reference", "documentation": "as subject" },
                    { "name": "subject:identifier", "type": "token", "documentation": "system|value, or a value alone under any system" },
                    { "name": "date", "type": "date", "documentation": "occurrence; prefixes eq ge gt le lt" },
                    { "name": "_count", "type": "number", "documentation": "page size, default 50, at most 1000 (larger values are lowered); 0 returns the total only" },
                    { "name": "_sort", "type": "string", "documentation": "-date (default, newest first) or date; results without an occurrence come last" }
                  ],
                  "documentation": "Keyset paging: follow next/previous/first/last links (opaque _cursor, valid 24 h). Unknown parameters are ignored and left out of self unless Prefer: handling=strict (400)."
                },
                {
                  "type": "Device",
                  "interaction": [ { "code": "read" }, { "code": "search-type" } ],
                  "documentation": "The model Devices (the primary and any shadow models), each with its model card (AI Transparency on FHIR modelCardDescription); readable without a token"
                },
                {
                  "type": "CodeSystem",
                  "interaction": [ { "code": "read" } ],
                  "documentation": "EcgBridge's code systems at their canonical URLs: outcome, model, error-codes; readable without a token"
                },
                {
                  "type": "Provenance",
                  "interaction": [ { "code": "search-type" } ],
                  "searchParam": [ { "name": "target", "type": "reference", "documentation": "RiskAssessment/<id>" } ]
                }
              ],
              "interaction": [ { "code": "transaction" }, { "code": "batch" } ]
            }
          ]
        }
        """);
}

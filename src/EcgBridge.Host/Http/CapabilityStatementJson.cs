using System.Text;

namespace EcgBridge.Host.Http;

/// <summary>The server's CapabilityStatement (FHIR R4): what <c>/fhir</c> accepts and serves.</summary>
internal static class CapabilityStatementJson
{
    public static byte[] Bytes { get; } = Encoding.UTF8.GetBytes("""
        {
          "resourceType": "CapabilityStatement",
          "status": "active",
          "date": "2026-11-23",
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
                "description": "Bearer JWT with SMART system scopes: system/Observation.write to POST, system/RiskAssessment.read to read and search"
              },
              "resource": [
                {
                  "type": "Observation",
                  "interaction": [ { "code": "create" } ],
                  "documentation": "12-lead ECG with SampledData; answered 201 once durable, the RiskAssessment follows asynchronously (Location header)"
                },
                {
                  "type": "RiskAssessment",
                  "interaction": [ { "code": "read" }, { "code": "search-type" } ],
                  "searchParam": [
                    { "name": "subject", "type": "reference" },
                    { "name": "date", "type": "date" },
                    { "name": "_count", "type": "number" }
                  ]
                }
              ],
              "interaction": [ { "code": "transaction" }, { "code": "batch" } ]
            }
          ]
        }
        """);
}

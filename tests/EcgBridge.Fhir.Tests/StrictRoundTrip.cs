using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Utility;
using FhirSerializer = EcgBridge.Fhir.Serialization.FhirSerializer;

namespace EcgBridge.Fhir.Tests;

/// <summary>Asserts that a resource we emit survives Firely's strict parser in JSON and XML, unchanged.</summary>
internal static class StrictRoundTrip
{
    public static void Assert(Resource resource)
    {
        string json = FhirSerializer.ToJson(resource);
        bool jsonOk = FhirJsonDeserializer.STRICT.TryDeserializeResource(json, out Resource? fromJson, out IEnumerable<CodedException> jsonIssues);
        Xunit.Assert.Empty(jsonIssues.Select(i => i.ErrorCode));
        Xunit.Assert.True(jsonOk);
        Xunit.Assert.True(fromJson!.IsExactly(resource));

        string xml = FhirSerializer.ToXml(resource);
        bool xmlOk = FhirXmlDeserializer.STRICT.TryDeserializeResource(xml, out Resource? fromXml, out IEnumerable<CodedException> xmlIssues);
        Xunit.Assert.Empty(xmlIssues.Select(i => i.ErrorCode));
        Xunit.Assert.True(xmlOk);
        Xunit.Assert.True(fromXml!.IsExactly(resource));
    }
}

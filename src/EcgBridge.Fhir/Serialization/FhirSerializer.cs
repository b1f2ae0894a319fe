using System.Text;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace EcgBridge.Fhir.Serialization;

/// <summary>Firely's serializers behind two calls, for responses, outbox payloads and tests.</summary>
public static class FhirSerializer
{
    private static readonly FhirJsonSerializer Json = new();
    private static readonly FhirXmlSerializer Xml = new();

    /// <summary>Serializes to FHIR JSON.</summary>
    public static string ToJson(Resource resource, bool pretty = false)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return Json.SerializeToString(resource, pretty);
    }

    /// <summary>Serializes to FHIR XML.</summary>
    public static string ToXml(Resource resource, bool pretty = false)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return Xml.SerializeToString(resource, pretty);
    }

    /// <summary>Serializes in the given format (Unknown means JSON) as UTF-8 bytes.</summary>
    public static byte[] ToBytes(Resource resource, FhirFormat format) =>
        Encoding.UTF8.GetBytes(format == FhirFormat.Xml ? ToXml(resource) : ToJson(resource));

    /// <summary>The media type of a format.</summary>
    public static string MediaType(FhirFormat format) => format == FhirFormat.Xml ? "application/fhir+xml" : "application/fhir+json";
}

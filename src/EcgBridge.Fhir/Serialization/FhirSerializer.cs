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

    /// <summary>
    /// Re-serializes a FHIR JSON resource (one we wrote) as FHIR XML, for clients that ask for XML. Throws
    /// <see cref="FormatException"/> when the JSON is not a FHIR resource.
    /// </summary>
    public static string JsonToXml(ReadOnlySpan<byte> json) => ToXml(FromJson(json));

    /// <summary>Reads a FHIR JSON resource we wrote; throws <see cref="FormatException"/> when it is not one.</summary>
    public static Resource FromJson(ReadOnlySpan<byte> json)
    {
        var reader = new System.Text.Json.Utf8JsonReader(json);
        if (!FhirJsonDeserializer.OSTRICH.TryDeserializeResource(ref reader, out Resource? resource, out _) || resource is null)
        {
            throw new FormatException("Not a FHIR JSON resource.");
        }

        return resource;
    }

    /// <summary>The media type of a format.</summary>
    public static string MediaType(FhirFormat format) => format == FhirFormat.Xml ? "application/fhir+xml" : "application/fhir+json";
}

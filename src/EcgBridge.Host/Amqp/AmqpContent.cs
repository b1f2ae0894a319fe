using System.Text;

namespace EcgBridge.Host.Amqp;

/// <summary>Content sniffing and answer codes for AMQP bodies.</summary>
internal static class AmqpContent
{
    /// <summary>
    /// The content type decides (<c>x-application/hl7-v2+er7</c>, FHIR or plain JSON/XML); without one, a body starting
    /// with <c>MSH</c>/<c>FHS</c>/<c>BHS</c> is HL7 v2, <c>{</c> FHIR JSON, <c>&lt;</c> FHIR XML.
    /// </summary>
    public static AmqpContentKind Classify(string? contentType, ReadOnlySpan<byte> body)
    {
        string type = (contentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        switch (type)
        {
            case IngestContentTypes.Hl7v2 or "application/hl7-v2" or "x-application/hl7-v2+er7; charset=utf-8":
                return AmqpContentKind.Hl7v2;
            case IngestContentTypes.FhirJson or "application/json" or "application/json+fhir":
                return AmqpContentKind.FhirJson;
            case IngestContentTypes.FhirXml or "application/xml" or "text/xml" or "application/xml+fhir":
                return AmqpContentKind.FhirXml;
            case "":
                break;
            default:
                return AmqpContentKind.Unknown;
        }

        ReadOnlySpan<byte> trimmed = body.TrimStart(" \t\r\n\uFEFF"u8);
        if (trimmed.StartsWith("MSH"u8) || trimmed.StartsWith("FHS"u8) || trimmed.StartsWith("BHS"u8))
        {
            return AmqpContentKind.Hl7v2;
        }

        return trimmed.IsEmpty ? AmqpContentKind.Unknown : trimmed[0] switch
        {
            (byte)'{' => AmqpContentKind.FhirJson,
            (byte)'<' => AmqpContentKind.FhirXml,
            _ => AmqpContentKind.Unknown,
        };
    }

    /// <summary>True when the body is a Bundle (its answer is a transaction-response).</summary>
    public static bool LooksLikeBundle(ReadOnlySpan<byte> body)
    {
        ReadOnlySpan<byte> head = body[..Math.Min(body.Length, 512)];
        return head.IndexOf("\"Bundle\""u8) >= 0 || head.IndexOf("<Bundle"u8) >= 0;
    }

    /// <summary>MSA-1 of an ACK (AA, AE, AR), or an empty string.</summary>
    public static string MsaCode(byte[] ack)
    {
        foreach (string segment in Encoding.UTF8.GetString(ack).Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment.StartsWith("MSA", StringComparison.Ordinal) && segment.Length > 4)
            {
                string[] fields = segment.Split(segment[3]);
                return fields.Length > 1 ? fields[1] : "";
            }
        }

        return "";
    }
}

using System.Text.Json;
using System.Xml;

namespace EcgBridge.Pipeline.Accept;

/// <summary>Reads a Bundle's <c>type</c> (batch, transaction, …) without building the Bundle, for the response's type.</summary>
internal static class FhirBundleType
{
    /// <summary>The top-level <c>type</c> value, or null when there is none or the body cannot be read.</summary>
    public static string? Read(ReadOnlySpan<byte> body, bool xml)
    {
        try
        {
            return xml ? ReadXml(body.ToArray()) : ReadJson(body);
        }
        catch (Exception ex) when (ex is JsonException or XmlException)
        {
            return null;
        }
    }

    private static string? ReadJson(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isType = reader.ValueTextEquals("type"u8);
            reader.Read();
            if (isType && reader.TokenType == JsonTokenType.String)
            {
                return reader.GetString();
            }

            reader.Skip();
        }

        return null;
    }

    private static string? ReadXml(byte[] body)
    {
        using var stream = new MemoryStream(body);
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true });
        reader.MoveToContent();
        if (!reader.Read())
        {
            return null;
        }

        while (!reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.Depth == 1)
            {
                if (reader.LocalName == "type")
                {
                    return reader.GetAttribute("value");
                }

                reader.Skip();
                continue;
            }

            reader.Read();
        }

        return null;
    }
}

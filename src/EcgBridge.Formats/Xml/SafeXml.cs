using System.Diagnostics.CodeAnalysis;
using System.Xml;
using System.Xml.Linq;
using EcgBridge.Core.Issues;

namespace EcgBridge.Formats.Xml;

/// <summary>
/// The one way vendor XML is read: no DTD processing (a <c>&lt;!DOCTYPE RestingECG SYSTEM "restecg.dtd"&gt;</c> line is
/// skipped, never fetched), no resolver, no entity expansion (a file declaring entities is refused), a size and a depth
/// limit, the encoding from the BOM or the declaration (ISO-8859-1, UTF-8, UTF-16). The tree is built iteratively, so
/// hostile nesting cannot exhaust the stack. Bad XML is an issue, never an exception.
/// </summary>
internal static class SafeXml
{
    /// <summary>Deepest element nesting accepted (real ECG files nest fewer than 20 levels).</summary>
    public const int MaxDepth = 64;

    /// <summary>Largest document accepted, in characters.</summary>
    public const long MaxCharacters = 64L * 1024 * 1024;

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Ignore,
        XmlResolver = null,
        MaxCharactersFromEntities = 1,
        MaxCharactersInDocument = MaxCharacters,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    /// <summary>Parses the document; false with an issue at <paramref name="location"/> when it cannot be read safely.</summary>
    public static bool TryLoad(ReadOnlyMemory<byte> content, string location, IssueList issues, [NotNullWhen(true)] out XElement? root)
    {
        root = null;
        if (DeclaresEntities(content.Span))
        {
            issues.Error(XmlCodes.EntityRefused, location);
            return false;
        }

        try
        {
            using var stream = new MemoryStream(content.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, Settings);
            XElement? current = null;
            while (reader.Read())
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element:
                        if (reader.Depth >= MaxDepth)
                        {
                            issues.Error(XmlCodes.TooDeep, location);
                            return false;
                        }

                        var element = new XElement(XName.Get(reader.LocalName, reader.NamespaceURI));
                        if (reader.HasAttributes)
                        {
                            while (reader.MoveToNextAttribute())
                            {
                                if (!reader.IsNamespaceDeclaration())
                                {
                                    element.SetAttributeValue(XName.Get(reader.LocalName, reader.NamespaceURI), reader.Value);
                                }
                            }

                            reader.MoveToElement();
                        }

                        current?.Add(element);
                        root ??= element;
                        if (!reader.IsEmptyElement)
                        {
                            current = element;
                        }

                        break;
                    case XmlNodeType.EndElement:
                        current = current?.Parent;
                        break;
                    case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace:
                        current?.Add(new XText(reader.Value));
                        break;
                }
            }

            if (root is null)
            {
                issues.Error(XmlCodes.Malformed, location);
                return false;
            }

            return true;
        }
        catch (XmlException)
        {
            issues.Error(XmlCodes.Malformed, location);
            root = null;
            return false;
        }
        catch (InvalidOperationException)
        {
            // The character limit surfaces as an XmlException or, in some readers, as InvalidOperationException.
            issues.Error(XmlCodes.TooLarge, location);
            root = null;
            return false;
        }
    }

    private static bool IsNamespaceDeclaration(this XmlReader reader) =>
        reader.Prefix == "xmlns" || (reader.Prefix.Length == 0 && reader.LocalName == "xmlns");

    /// <summary>True when the prolog holds an internal DTD subset with entity declarations (ASCII or UTF-16).</summary>
    private static bool DeclaresEntities(ReadOnlySpan<byte> content)
    {
        ReadOnlySpan<byte> head = content[..Math.Min(content.Length, 64 * 1024)];
        return head.IndexOf("<!ENTITY"u8) >= 0
            || head.IndexOf("<\0!\0E\0N\0T\0I\0T\0Y\0"u8) >= 0
            || head.IndexOf("\0<\0!\0E\0N\0T\0I\0T\0Y"u8) >= 0;
    }
}

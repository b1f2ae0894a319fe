using System.Globalization;
using System.Xml.Linq;

namespace EcgBridge.Formats.Xml;

/// <summary>Small invariant-culture readers over the loaded tree.</summary>
internal static class XmlValues
{
    public static string? Text(XElement parent, XName name) => parent.Element(name)?.Value.Trim();

    public static bool TryDouble(string? text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    public static bool TryInt(string? text, out int value) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;
using EcgBridge.Core.Issues;
using Hl7.Fhir.Introspection;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Utility;

namespace EcgBridge.Fhir.Decoding;

/// <summary>
/// Turns a FHIR body into a Firely resource, strictly: size limit before anything, a cheap syntax and depth pre-scan,
/// then Firely's strict deserializer whose findings become issues with FHIRPath locations. Never throws on bad input.
/// </summary>
public static class FhirBodyReader
{
    private static readonly JsonReaderOptions JsonOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 1024,
    };

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>Sniffs the format from the first non-blank byte (after a UTF-8 byte order mark).</summary>
    public static FhirFormat Sniff(ReadOnlySpan<byte> body)
    {
        ReadOnlySpan<byte> rest = body.StartsWith(Utf8Bom) ? body[3..] : body;
        foreach (byte b in rest)
        {
            switch (b)
            {
                case (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n':
                    continue;
                case (byte)'{':
                    return FhirFormat.Json;
                case (byte)'<':
                    return FhirFormat.Xml;
                default:
                    return FhirFormat.Unknown;
            }
        }

        return FhirFormat.Unknown;
    }

    /// <summary>Parses a body into a resource; false (with error issues) when the body is refused.</summary>
    public static bool TryRead(ReadOnlySpan<byte> body, FhirFormat format, FhirDecoderOptions options, IssueList issues, out Resource? resource)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(issues);
        resource = null;
        if (body.Length > options.MaxBodyBytes)
        {
            issues.Error(FhirCodes.BodyTooLarge, "body");
            return false;
        }

        if (body.IsEmpty || body.Trim(" \t\r\n"u8).IsEmpty)
        {
            issues.Error(FhirCodes.BodyEmpty, "body");
            return false;
        }

        if (format == FhirFormat.Unknown)
        {
            format = Sniff(body);
        }

        return format switch
        {
            FhirFormat.Json => TryReadJson(body, options, issues, out resource),
            FhirFormat.Xml => TryReadXml(body, options, issues, out resource),
            _ => Refuse(issues, FhirCodes.FormatUnknown, "body", out resource),
        };
    }

    private static bool TryReadJson(ReadOnlySpan<byte> body, FhirDecoderOptions options, IssueList issues, out Resource? resource)
    {
        resource = null;
        if (body.StartsWith(Utf8Bom))
        {
            body = body[3..];
        }

        if (!PrescanJson(body, options.MaxDepth, issues))
        {
            return false;
        }

        var reader = new Utf8JsonReader(body, JsonOptions);
        bool ok;
        IEnumerable<CodedException> problems;
        try
        {
            ok = FhirJsonDeserializer.STRICT.TryDeserializeResource(ref reader, out resource, out problems);
        }
        catch (Exception exception) when (exception is JsonException or FormatException or InvalidOperationException or ArgumentException)
        {
            // Firely reports nearly everything as issues; what still escapes is a malformed body. The text is not kept.
            return Refuse(issues, FhirCodes.StructureInvalid, "body", out resource);
        }

        return Report(ok, resource, problems, issues, out resource);
    }

    private static bool TryReadXml(ReadOnlySpan<byte> body, FhirDecoderOptions options, IssueList issues, out Resource? resource)
    {
        resource = null;
        byte[] bytes = body.ToArray();
        if (!PrescanXml(bytes, options, issues))
        {
            return false;
        }

        bool ok;
        IEnumerable<CodedException> problems;
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var reader = XmlReader.Create(stream, XmlSettings(options));
            ok = FhirXmlDeserializer.STRICT.TryDeserializeResource(reader, out resource, out problems);
        }
        catch (Exception exception) when (exception is XmlException or FormatException or InvalidOperationException or ArgumentException)
        {
            return Refuse(issues, FhirCodes.StructureInvalid, "body", out resource);
        }

        return Report(ok, resource, problems, issues, out resource);
    }

    private static bool Report(bool ok, Resource? parsed, IEnumerable<CodedException> problems, IssueList issues, out Resource? resource)
    {
        bool anyError = false;
        foreach (CodedException problem in problems)
        {
            IssueSeverity severity = IssueSeverity.Error;
            string location = "body";
            if (problem is ExtendedCodedException extended)
            {
                severity = extended.IssueSeverity switch
                {
                    OperationOutcome.IssueSeverity.Information => IssueSeverity.Information,
                    OperationOutcome.IssueSeverity.Warning => IssueSeverity.Warning,
                    _ => IssueSeverity.Error,
                };
                if (!string.IsNullOrEmpty(extended.InstancePath))
                {
                    location = SafeInstancePath(extended.InstancePath);
                }
            }

            anyError |= severity >= IssueSeverity.Error;
            issues.Add(new Issue(FhirCodes.StructureInvalid, severity, location));
        }

        if (!ok || anyError || parsed is null)
        {
            if (!anyError)
            {
                issues.Error(FhirCodes.StructureInvalid, "body");
            }

            resource = null;
            return false;
        }

        resource = parsed;
        return true;
    }

    /// <summary>
    /// Keeps the part of Firely's instance path that names elements the model knows. An unknown element's name comes
    /// from the input (it could be anything, PHI included), so the path is cut before it.
    /// </summary>
    internal static string SafeInstancePath(string path)
    {
        string[] segments = path.Split('.');
        ClassMapping? current = ModelInfo.ModelInspector.FindClassMapping(segments[0]);
        if (current is null || !current.IsResource)
        {
            return "body";
        }

        var kept = new StringBuilder(segments[0]);
        for (int i = 1; i < segments.Length && current is not null; i++)
        {
            string segment = segments[i];
            int bracket = segment.IndexOf('[', StringComparison.Ordinal);
            string name = bracket < 0 ? segment : segment[..bracket];
            if (bracket >= 0 && (!segment.EndsWith(']') || !int.TryParse(segment.AsSpan(bracket + 1, segment.Length - bracket - 2), NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            {
                break;
            }

            PropertyMapping? property = current.FindMappedElementByName(name) ?? current.FindMappedElementByChoiceName(name);
            if (property is null)
            {
                break;
            }

            kept.Append('.').Append(segment);

            // Past a choice element ("value") the next name depends on the type in the input: stop there.
            current = property.Choice == ChoiceType.None ? property.PropertyTypeMapping : null;
        }

        return kept.ToString();
    }

    private static bool PrescanJson(ReadOnlySpan<byte> body, int maxDepth, IssueList issues)
    {
        var reader = new Utf8JsonReader(body, JsonOptions);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth >= maxDepth)
                {
                    issues.Error(FhirCodes.NestingTooDeep, $"line {LineOf(body, reader.TokenStartIndex)}");
                    return false;
                }
            }

            if (reader.BytesConsumed == 0)
            {
                issues.Error(FhirCodes.SyntaxInvalid, "line 1");
                return false;
            }
        }
        catch (JsonException exception)
        {
            // Only the position survives: the exception text may quote the input.
            issues.Error(FhirCodes.SyntaxInvalid, $"line {(exception.LineNumber ?? 0) + 1}");
            return false;
        }

        return true;
    }

    private static long LineOf(ReadOnlySpan<byte> body, long index) =>
        body[..(int)Math.Min(index, body.Length)].Count((byte)'\n') + 1;

    private static bool PrescanXml(byte[] bytes, FhirDecoderOptions options, IssueList issues)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        using var reader = XmlReader.Create(stream, XmlSettings(options));
        var lineInfo = reader as IXmlLineInfo;
        try
        {
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.Depth >= options.MaxDepth)
                {
                    issues.Error(FhirCodes.NestingTooDeep, $"line {lineInfo?.LineNumber ?? 0}");
                    return false;
                }
            }
        }
        catch (XmlException exception)
        {
            issues.Error(FhirCodes.SyntaxInvalid, $"line {Math.Max(exception.LineNumber, 1)}");
            return false;
        }

        return true;
    }

    private static XmlReaderSettings XmlSettings(FhirDecoderOptions options) => new()
    {
        // No DTDs, no external entities: a FHIR body never needs them and they are the XXE / billion-laughs door.
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = options.MaxBodyBytes,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    private static bool Refuse(IssueList issues, string code, string location, out Resource? resource)
    {
        issues.Error(code, location);
        resource = null;
        return false;
    }
}

using System.Text;
using EcgBridge.Core;
using EcgBridge.Core.Issues;
using EcgBridge.Wfdb;

namespace EcgBridge.Cli.Input;

/// <summary>
/// Reads an ECG input file for the CLI: sniffs the format (WFDB by .hea name; HL7 v2 or FHIR by content) and hands it
/// to that format's reader. One branch per format; each adds coded issues and never throws on bad content.
/// </summary>
internal static class EcgInputReader
{
    private const int SniffLength = 8192;

    /// <summary>
    /// Reads every ECG the file holds (an HL7 batch or a FHIR Bundle may hold several). <paramref name="mappingProfile"/>
    /// names the feed's profile (a mappings/ file or its name); WFDB ignores it. False with issues when nothing usable was read.
    /// </summary>
    public static bool TryRead(string path, string? mappingProfile, IssueList issues, out IReadOnlyList<EcgRecording> recordings)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(issues);
        recordings = [];
        EcgInputKind kind;
        if (path.EndsWith(".hea", StringComparison.OrdinalIgnoreCase))
        {
            kind = EcgInputKind.Wfdb;
        }
        else if (!TryReadHead(path, out byte[] head, out int length))
        {
            issues.Error(InputCodes.InputUnreadable, "input");
            return false;
        }
        else
        {
            kind = Sniff(head.AsSpan(0, length));
        }

        switch (kind)
        {
            case EcgInputKind.Wfdb:
                if (WfdbRecordReader.TryRead(path, issues, out EcgRecording? recording))
                {
                    recordings = [recording!];
                    return true;
                }

                return false;

            case EcgInputKind.Hl7v2:
                return EcgBridge.Hl7v2.Files.Hl7InputFile.TryRead(path, mappingProfile, CliVendorFiles.Embedded, issues, out recordings);

            case EcgInputKind.Fhir:
                // FHIR branch: Observation, DocumentReference, Media or Bundle, JSON or XML, with mappingProfile.
                return EcgBridge.Fhir.Decoding.FhirEcgFile.TryRead(path, mappingProfile, CliVendorFiles.Embedded, issues, out recordings);

            case EcgInputKind.VendorFile:
                // The same path the watched folder takes: sniff among the vendor-file profiles (or the one named), decode.
                byte[] content = File.ReadAllBytes(path);
                if (CliVendorFiles.Files.TryDecode(new Core.Decoding.EmbeddedEcgFile(content, null, "file"), mappingProfile, issues, out EcgRecording? file))
                {
                    recordings = [file];
                    return true;
                }

                return false;

            default:
                issues.Error(InputCodes.InputUnsupported, "input");
                return false;
        }
    }

    /// <summary>Decides the format from the first bytes: BOM and whitespace (and an MLLP start byte) are skipped.</summary>
    public static EcgInputKind Sniff(ReadOnlySpan<byte> head)
    {
        string text;
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            text = Encoding.Unicode.GetString(head[2..]);
        }
        else if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            text = Encoding.BigEndianUnicode.GetString(head[2..]);
        }
        else
        {
            if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            {
                head = head[3..];
            }

            text = Encoding.Latin1.GetString(head[..Math.Min(head.Length, 16)]);
        }

        if (Formats.EcgFileSniffer.Sniff(head) is not null)
        {
            return EcgInputKind.VendorFile;
        }

        ReadOnlySpan<char> start = text.AsSpan().TrimStart(" \t\r\n\v\f");
        if (start.StartsWith("MSH", StringComparison.Ordinal) || start.StartsWith("FHS", StringComparison.Ordinal)
            || start.StartsWith("BHS", StringComparison.Ordinal))
        {
            return EcgInputKind.Hl7v2;
        }

        return !start.IsEmpty && (start[0] == '{' || start[0] == '<') ? EcgInputKind.Fhir : EcgInputKind.Unknown;
    }

    private static bool TryReadHead(string path, out byte[] head, out int length)
    {
        head = new byte[SniffLength];
        length = 0;
        try
        {
            using FileStream stream = File.OpenRead(path);
            length = stream.ReadAtLeast(head, SniffLength, throwOnEndOfStream: false);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}

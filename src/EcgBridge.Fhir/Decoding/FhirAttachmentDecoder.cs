using EcgBridge.Core;
using EcgBridge.Core.Decoding;
using EcgBridge.Core.Issues;
using Hl7.Fhir.Model;

namespace EcgBridge.Fhir.Decoding;

/// <summary>
/// DocumentReference (content[].attachment) and Media (content) carrying a vendor ECG file inline: the first attachment
/// whose contentType is an ECG file type (XML or DICOM) with data. The file goes to the embedded-file decoder; the
/// resource's subject, encounter, identifiers and time are laid over what the file says.
/// </summary>
internal static class FhirAttachmentDecoder
{
    private static readonly string[] FileTypes = ["application/xml", "text/xml", "application/dicom", "application/hl7-v3+xml", "application/octet-stream"];

    /// <summary>True when the resource has an attachment of an ECG file type (so a Bundle entry is worth decoding).</summary>
    public static bool CarriesFile(DomainResource resource)
    {
        foreach (Attachment attachment in Attachments(resource))
        {
            if (IsFileType(attachment.ContentType))
            {
                return true;
            }
        }

        return false;
    }

    public static bool TryDecode(DomainResource resource, string path, string? fullUrl, EmbeddedEcgDecoder? embedded, IssueList issues, out FhirEcgInput? input)
    {
        input = null;
        int index = -1;
        Attachment? found = null;
        List<Attachment> attachments = Attachments(resource);
        for (int i = 0; i < attachments.Count; i++)
        {
            if (IsFileType(attachments[i].ContentType))
            {
                found = attachments[i];
                index = i;
                break;
            }
        }

        string attachmentPath = resource is Media ? path + ".content" : $"{path}.content[{Math.Max(index, 0)}].attachment";
        if (found is null)
        {
            issues.Error(FhirCodes.AttachmentMissing, path + (resource is Media ? ".content" : ".content"));
            return false;
        }

        if (found.Data is not { Length: > 0 } data)
        {
            issues.Error(string.IsNullOrEmpty(found.Url) ? FhirCodes.AttachmentDataMissing : FhirCodes.AttachmentUrlUnsupported, attachmentPath + ".data");
            return false;
        }

        if (embedded is null)
        {
            issues.Error(FhirCodes.AttachmentDecoderMissing, attachmentPath);
            return false;
        }

        if (!embedded(new EmbeddedEcgFile(data, found.ContentType, attachmentPath + ".data"), null, issues, out EcgRecording? recording) || recording is null)
        {
            return false;
        }

        EcgSource inner = recording.Source;
        (ResourceReference? subject, ResourceReference? encounter, DateTimeOffset? time, List<Identifier> identifiers) = Facts(resource);
        Identifier? first = identifiers.Find(i => !string.IsNullOrEmpty(i.Value));
        bool byId = !string.IsNullOrEmpty(resource.Id);
        var merged = new EcgRecording(recording.Leads, recording.SampleRateHz)
        {
            AcquisitionTime = time ?? recording.AcquisitionTime,
            Source = new EcgSource
            {
                SendingApplication = resource.Meta?.Source,
                PatientId = subject?.Reference ?? subject?.Identifier?.Value ?? inner.PatientId,
                PatientIdSystem = subject is null ? inner.PatientIdSystem : subject.Reference is null ? subject.Identifier?.System : null,
                EncounterId = encounter?.Reference ?? encounter?.Identifier?.Value,
                ObservationId = byId ? resource.Id : first?.Value,
                ObservationIdentifierSystem = byId ? null : first?.System,
                DeviceId = inner.DeviceId,
            },
        };
        input = new FhirEcgInput(merged, resource, identifiers, path, fullUrl);
        return true;
    }

    private static bool IsFileType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return false;
        }

        string bare = contentType.Split(';')[0].Trim();
        return Array.Exists(FileTypes, t => string.Equals(t, bare, StringComparison.OrdinalIgnoreCase));
    }

    private static List<Attachment> Attachments(DomainResource resource) => resource switch
    {
        DocumentReference document => [.. document.Content.Where(c => c.Attachment is not null).Select(c => c.Attachment)],
        Media media when media.Content is not null => [media.Content],
        _ => [],
    };

    private static (ResourceReference? Subject, ResourceReference? Encounter, DateTimeOffset? Time, List<Identifier> Identifiers) Facts(DomainResource resource)
    {
        switch (resource)
        {
            case DocumentReference document:
                List<Identifier> ids = [.. document.Identifier];
                if (document.MasterIdentifier is { Value.Length: > 0 } master)
                {
                    ids.Insert(0, master);
                }

                return (document.Subject, document.Context?.Encounter.FirstOrDefault(), document.DateElement?.Value, ids);
            case Media media:
                DateTimeOffset? created = media.Created is FhirDateTime dt && dt.TryToDateTimeOffset(out DateTimeOffset value) ? value : null;
                return (media.Subject, media.Encounter, created, [.. media.Identifier]);
            default:
                return (null, null, null, []);
        }
    }
}

namespace EcgBridge.Pipeline.Files;

/// <summary>Stable codes for choosing a decoder for a vendor ECG file (docs/error-codes.md). Codes are never reused.</summary>
public static class VendorFileCodes
{
    /// <summary>The file is none of the vendor formats EcgBridge reads (GE MUSE XML, Philips XML, HL7 aECG, DICOM ECG).</summary>
    public const string FormatUnknown = "FILE-FORMAT-UNKNOWN";

    /// <summary>The file's format is known but no profile allowed for this feed reads it; location names the file.</summary>
    public const string FormatNotAllowed = "FILE-FORMAT-NOT-ALLOWED";

    /// <summary>A profile names a vendor-file profile that does not exist (embeddedProfiles option, folder profile).</summary>
    public const string ProfileUnknown = "FILE-PROFILE-UNKNOWN";
}

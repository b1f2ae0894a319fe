namespace EcgBridge.Formats;

/// <summary>Vendor ECG files (GE MUSE XML, Philips XML, HL7 aECG, DICOM ECG) → <see cref="Core.EcgRecording"/>.</summary>
public static class FormatsAssembly
{
    /// <summary>Version of the decoders, recorded with each decoded file.</summary>
    public const string Version = "1";
}

namespace EcgBridge.Core.Decoding;

/// <summary>
/// A vendor ECG file carried inside a message (HL7 v2 OBX ED, FHIR DocumentReference/Media attachment): its bytes,
/// what the message declared it to be (subtype or content type; a hint, not trusted), and where it was found.
/// </summary>
public sealed record EmbeddedEcgFile(ReadOnlyMemory<byte> Content, string? DeclaredType, string Location);

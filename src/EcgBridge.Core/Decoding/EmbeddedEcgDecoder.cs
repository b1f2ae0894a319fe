using EcgBridge.Core.Issues;

namespace EcgBridge.Core.Decoding;

/// <summary>
/// Decodes a vendor file found inside a message (the pipeline supplies it: it knows the vendor-file decoders and the
/// profiles a feed allows). <c>container</c> is the profile that found the file (its <c>embeddedProfiles</c> option
/// lists the vendor-file profiles allowed; null: any). The message's own facts (patient, order, times) are laid over
/// the result by the caller.
/// </summary>
public delegate bool EmbeddedEcgDecoder(EmbeddedEcgFile file, Mapping.MappingProfile? container, IssueList issues, out EcgRecording? recording);

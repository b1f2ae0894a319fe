using EcgBridge.Core.Mapping;

namespace EcgBridge.Pipeline.Files;

/// <summary>Tells a vendor ECG file's format from its first bytes (XML root and namespace, DICOM preamble); null: unknown.</summary>
public delegate MappingFormat? FormatSniffer(ReadOnlySpan<byte> head);

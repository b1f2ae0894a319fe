namespace EcgBridge.Core.Audit;

/// <summary>Payload of a <see cref="OutboxKinds.FolderRiskAssessment"/> row: which folder, the file name to write, the resource JSON.</summary>
public sealed record FolderResult(string Folder, string FileName, string ResourceJson);

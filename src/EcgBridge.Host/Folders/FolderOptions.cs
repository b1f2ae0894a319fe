using System.ComponentModel.DataAnnotations;

namespace EcgBridge.Host.Folders;

/// <summary>
/// One watched inbox folder (<c>EcgBridge:Folders:&lt;name&gt;</c>), the file reader integration engines have: files
/// matching <see cref="Pattern"/> are claimed by atomic rename, accepted (audit row; dedupe by content hash), then moved
/// to <c>done/</c> or to <c>error/</c> with a sidecar of codes.
/// </summary>
public sealed class FolderOptions
{
    public const string SectionName = "EcgBridge:Folders";

    /// <summary>The inbox folder (absolute, or relative to the current directory). Required.</summary>
    [Required]
    public string Path { get; set; } = "";

    /// <summary>File name pattern (<c>*.xml</c>, <c>*.dcm</c>); default every file.</summary>
    public string Pattern { get; set; } = "*";

    /// <summary>Vendor-file profile name(s) allowed for this folder, comma separated; empty: every vendor-file profile.</summary>
    public string Profile { get; set; } = "";

    /// <summary>Seconds between scans.</summary>
    [Range(0.05, 3600)]
    public double PollSeconds { get; set; } = 2;

    /// <summary>
    /// A file is taken only when its size and modification time did not change between two scans and it is at least
    /// this old, so a file still being written is left alone.
    /// </summary>
    [Range(0, 3600)]
    public double SettleSeconds { get; set; } = 1;

    /// <summary>Largest file read; a larger one goes to error/ with FOLDER-FILE-TOO-LARGE without being read into memory.</summary>
    [Range(1024, 1024L * 1024 * 1024)]
    public long MaxFileBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>Optional folder that receives each scored file's RiskAssessment JSON (through the outbox: exactly once).</summary>
    public string? ResultsPath { get; set; }
}

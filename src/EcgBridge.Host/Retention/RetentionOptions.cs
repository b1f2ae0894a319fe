using System.ComponentModel.DataAnnotations;

namespace EcgBridge.Host.Retention;

/// <summary>Configuration section <c>EcgBridge:Retention</c>: pruning of raw payload copies; audit rows are never pruned.</summary>
public sealed class RetentionOptions
{
    public const string SectionName = "EcgBridge:Retention";

    /// <summary>
    /// Delete stored ECG tensors and scored spool files older than this many days. 0 (the default) keeps them for ever.
    /// </summary>
    [Range(0, 36500)]
    public int RawPayloadDays { get; set; }

    /// <summary>Minutes between pruning runs (the first runs at start-up).</summary>
    [Range(1, 1440)]
    public int IntervalMinutes { get; set; } = 60;

    public bool Enabled => RawPayloadDays > 0;
}

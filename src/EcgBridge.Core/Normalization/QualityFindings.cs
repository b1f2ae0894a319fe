namespace EcgBridge.Core.Normalization;

/// <summary>Quality-gate findings of one lead, as flags.</summary>
[Flags]
internal enum QualityFindings : byte
{
    None = 0,
    Flat = 1,
    Invalid = 2,
    Saturated = 4,
    Duplicate = 8,
    Implausible = 16,
}

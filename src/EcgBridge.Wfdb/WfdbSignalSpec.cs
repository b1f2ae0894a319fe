namespace EcgBridge.Wfdb;

/// <summary>One signal line of a WFDB header.</summary>
public sealed record WfdbSignalSpec(string FileName, int Format, int ByteOffset, double Gain, int Baseline, string Units, string Description);

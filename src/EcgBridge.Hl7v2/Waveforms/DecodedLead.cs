using EcgBridge.Core;

namespace EcgBridge.Hl7v2.Waveforms;

/// <summary>A lead as read from the message, before the checks that make a recording.</summary>
internal sealed record DecodedLead(Lead Lead, double[] Samples, double SampleRateHz, double? Lower, double? Upper, string Location);

namespace EcgBridge.IntegrationTests.Telemetry;

/// <summary>Marker PHI: values no real message, code or id contains, so any sighting in telemetry is a leak.</summary>
internal static class PhiMarkers
{
    public const string FamilyName = "ZEBRAQUILL";
    public const string GivenName = "OPHELIANNA";
    public const string Mrn = "MRN-QZX7731";
    public const string BirthDateHl7 = "19600101";
    public const string BirthDateIso = "1960-01-01";
    public const string Street = "4417 MARIGOLDSTRASSE";
    public const string City = "QUAXTONBURY";

    /// <summary>A waveform sample value (mV) written into lead V3 of every marker message.</summary>
    public const double SampleValue = 1.73737;
    public const string SampleText = "1.73737";

    /// <summary>Every string that must never appear (compared case-insensitively).</summary>
    public static readonly string[] All = [FamilyName, GivenName, Mrn, "QZX7731", BirthDateHl7, BirthDateIso, "MARIGOLDSTRASSE", City, SampleText];
}

using System.Globalization;
using EcgBridge.Core.Audit;
using EcgBridge.Core.Issues;
using EcgBridge.Core.Scoring;

namespace EcgBridge.Compliance;

/// <summary>
/// Turns the text parameters of an audit search or export (CLI options, web query string) into a
/// <see cref="ComplianceFilter"/>, refusing oversized, injection-shaped and malformed values with coded issues whose
/// location is the parameter name. Values reach the store as bound parameters in any case; refusing them early keeps
/// garbage out of the access log and tells the user plainly.
/// </summary>
public static class ComplianceFilterParser
{
    /// <summary>Longest accepted text value (patient id, source system, model version).</summary>
    public const int MaxTextLength = 128;

    /// <summary>Largest page a search returns at once.</summary>
    public const int MaxSearchTake = 1000;

    public const string From = "from";
    public const string To = "to";
    public const string Patient = "patient";
    public const string Source = "source";
    public const string ModelVersion = "model-version";
    public const string Outcome = "outcome";
    public const string Risk = "risk";
    public const string Skip = "skip";
    public const string Take = "take";

    /// <summary>Every parameter name, in documentation order.</summary>
    public static IReadOnlyList<string> Names { get; } = [From, To, Patient, Source, ModelVersion, Outcome, Risk, Skip, Take];

    /// <summary>
    /// Parses the parameters (absent, null or empty = no filter). <paramref name="maxTake"/> bounds <c>take</c>
    /// (searches: <see cref="MaxSearchTake"/>; exports: <see cref="int.MaxValue"/>). Returns false with issues when any
    /// value is refused.
    /// </summary>
    public static bool TryParse(
        IEnumerable<KeyValuePair<string, string?>> parameters,
        int maxTake,
        IssueList issues,
        out ComplianceFilter? filter)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(issues);
        int errorsBefore = issues.ErrorCount;
        var result = new ComplianceFilter();
        foreach ((string name, string? value) in parameters)
        {
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            result = name switch
            {
                From => result with { From = Time(value, name, issues) },
                To => result with { To = Time(value, name, issues) },
                Patient => result with { PatientId = Text(value, name, issues) },
                Source => result with { SourceSystem = Text(value, name, issues) },
                ModelVersion => result with { ModelVersion = Text(value, name, issues) },
                Outcome => result with { Outcome = ParseOutcome(value, name, issues) },
                Risk => result with { Risk = ParseRisk(value, name, issues) },
                Skip => result with { Skip = Number(value, name, 0, int.MaxValue, issues) ?? 0 },
                Take => result with { Take = Number(value, name, 1, maxTake, issues) },
                _ => Unknown(result, name, issues),
            };
        }

        if (result is { From: { } from, To: { } to } && from >= to)
        {
            issues.Error(ComplianceCodes.RangeEmpty, To);
        }

        if (issues.ErrorCount > errorsBefore)
        {
            filter = null;
            return false;
        }

        filter = result;
        return true;
    }

    private static ComplianceFilter Unknown(ComplianceFilter result, string name, IssueList issues)
    {
        // The name is the caller's key, not a value; still, an absurd one is not echoed.
        issues.Error(ComplianceCodes.FilterUnknown, name.Length <= 32 && IsPlain(name) ? name : "parameter");
        return result;
    }

    private static string? Text(string value, string name, IssueList issues)
    {
        string trimmed = value.Trim();
        if (trimmed.Length > MaxTextLength)
        {
            issues.Error(ComplianceCodes.FilterTooLong, name);
            return null;
        }

        if (!IsPlain(trimmed))
        {
            issues.Error(ComplianceCodes.FilterCharacters, name);
            return null;
        }

        return trimmed;
    }

    // Identifiers we store (HL7 CX ids, MSH-3^MSH-4, model versions, FHIR ids) never need quotes, statement
    // separators, escapes, comment markers or control characters.
    private static bool IsPlain(string value)
    {
        foreach (char c in value)
        {
            if (char.IsControl(c) || c is '\'' or '"' or '`' or ';' or '\\' or '\u2019' or '\u2018')
            {
                return false;
            }
        }

        return !value.Contains("--", StringComparison.Ordinal)
            && !value.Contains("/*", StringComparison.Ordinal)
            && !value.Contains("*/", StringComparison.Ordinal);
    }

    private static DateTimeOffset? Time(string value, string name, IssueList issues)
    {
        if (value.Length > 40)
        {
            issues.Error(ComplianceCodes.FilterTooLong, name);
            return null;
        }

        if (DateTimeOffset.TryParse(value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset time))
        {
            return time;
        }

        issues.Error(ComplianceCodes.FilterValueInvalid, name);
        return null;
    }

    private static int? Number(string value, string name, int min, int max, IssueList issues)
    {
        if (value.Length > 12 || !int.TryParse(value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int number))
        {
            issues.Error(value.Length > 12 ? ComplianceCodes.FilterTooLong : ComplianceCodes.FilterValueInvalid, name);
            return null;
        }

        if (number < min || number > max)
        {
            issues.Error(ComplianceCodes.PageOutOfRange, name);
            return null;
        }

        return number;
    }

    private static AuditOutcome? ParseOutcome(string value, string name, IssueList issues)
    {
        if (ComplianceNames.TryParseOutcome(value.Trim(), out AuditOutcome outcome))
        {
            return outcome;
        }

        issues.Error(value.Length > MaxTextLength ? ComplianceCodes.FilterTooLong : ComplianceCodes.FilterValueInvalid, name);
        return null;
    }

    private static RiskLevel? ParseRisk(string value, string name, IssueList issues)
    {
        if (ComplianceNames.TryParseRisk(value.Trim(), out RiskLevel risk))
        {
            return risk;
        }

        issues.Error(value.Length > MaxTextLength ? ComplianceCodes.FilterTooLong : ComplianceCodes.FilterValueInvalid, name);
        return null;
    }
}

using EcgBridge.Core.Issues;
using EcgBridge.Hl7v2.Parsing;
using EcgBridge.Hl7v2.Writing;

namespace EcgBridge.Hl7v2.Acknowledgments;

/// <summary>
/// Builds ACKs: MSH with sender and receiver swapped, a new control id and the answered version; MSA-1 and MSA-2 (the
/// answered MSH-10); one ERR per issue with location (ERR-2), table 0357 code (ERR-3), severity (ERR-4) and our code
/// (ERR-5). Never echoes input values other than the routing fields of MSH and the control id.
/// </summary>
public static class Hl7AckBuilder
{
    /// <summary>
    /// AA when no issue is an error, AR when an error rejects the envelope (<see cref="Hl7ErrorTable"/>), else AE.
    /// Enhanced mode (MSH-15/16 valued) with MSH-15 other than NE answers at commit level: CA/CE/CR.
    /// </summary>
    public static Hl7AckCode ChooseCode(Hl7MessageHeader? answered, IReadOnlyList<Issue> issues)
    {
        ArgumentNullException.ThrowIfNull(issues);
        bool error = false;
        bool reject = answered is null;
        foreach (Issue issue in issues)
        {
            if (issue.IsError)
            {
                error = true;
                reject |= Hl7ErrorTable.Lookup(issue.Code).Rejects;
            }
        }

        bool commit = answered is { IsEnhancedMode: true }
            && !string.Equals(answered.AcceptAcknowledgmentType, "NE", StringComparison.OrdinalIgnoreCase);
        return (commit, reject, error) switch
        {
            (false, true, _) => Hl7AckCode.AR,
            (false, false, true) => Hl7AckCode.AE,
            (false, false, false) => Hl7AckCode.AA,
            (true, true, _) => Hl7AckCode.CR,
            (true, false, true) => Hl7AckCode.CE,
            (true, false, false) => Hl7AckCode.CA,
        };
    }

    /// <summary>
    /// Whether the sender asked for this ACK: always in original mode; in enhanced mode by MSH-15 (commit codes) or
    /// MSH-16 (application codes): AL always, NE never, ER only on failure, SU only on success.
    /// </summary>
    public static bool ShouldSend(Hl7MessageHeader? answered, Hl7AckCode code)
    {
        if (answered is null || !answered.IsEnhancedMode)
        {
            return true;
        }

        bool commit = code is Hl7AckCode.CA or Hl7AckCode.CE or Hl7AckCode.CR;
        string? condition = commit ? answered.AcceptAcknowledgmentType : answered.ApplicationAcknowledgmentType;
        bool success = code is Hl7AckCode.AA or Hl7AckCode.CA;
        return condition?.ToUpperInvariant() switch
        {
            "NE" => false,
            "ER" => !success,
            "SU" => success,
            _ => true,
        };
    }

    /// <summary>Builds the ACK with <see cref="ChooseCode"/>.</summary>
    public static byte[] Build(Hl7MessageHeader? answered, IReadOnlyList<Issue> issues, Hl7AckOptions? options = null) =>
        Build(answered, ChooseCode(answered, issues), issues, options);

    /// <summary>Builds an ACK (segments end with CR).</summary>
    public static byte[] Build(Hl7MessageHeader? answered, Hl7AckCode code, IReadOnlyList<Issue> issues, Hl7AckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(issues);
        options ??= Hl7AckOptions.Default;
        string version = answered is not null && Hl7MessageHeader.IsSupportedVersion(answered.VersionId)
            ? answered.VersionId!
            : options.FallbackVersion;
        string trigger = string.IsNullOrEmpty(answered?.TriggerEvent) ? "R01" : answered.TriggerEvent;
        bool legacy = string.CompareOrdinal(version, "2.4") < 0;
        var builder = new Hl7MessageBuilder(512 + (128 * Math.Min(issues.Count, options.MaxErrSegments)));
        builder.StartMsh()
            .RawField(answered?.ReceivingApplication ?? Hl7EscapedText(options.SendingApplication))
            .RawField(answered?.ReceivingFacility ?? Hl7EscapedText(options.SendingFacility))
            .RawField(answered?.SendingApplication)
            .RawField(answered?.SendingFacility)
            .Field(Hl7DateTime.Format(TruncateToSeconds(options.Timestamp ?? DateTimeOffset.UtcNow)))
            .Field(null);
        if (legacy)
        {
            builder.Components("ACK", trigger);
        }
        else
        {
            builder.Components("ACK", trigger, "ACK");
        }

        builder.Field(options.ControlId ?? Guid.NewGuid().ToString("N"))
            .Field(IsSimpleToken(answered?.ProcessingId) ? answered!.ProcessingId : "P")
            .Field(version);

        builder.StartSegment("MSA").Field(code.ToString()).Field(answered?.MessageControlId);

        int written = 0;
        foreach (IssueSeverity severity in (ReadOnlySpan<IssueSeverity>)[IssueSeverity.Fatal, IssueSeverity.Error, IssueSeverity.Warning, IssueSeverity.Information])
        {
            foreach (Issue issue in issues)
            {
                if (issue.Severity != severity || written >= options.MaxErrSegments)
                {
                    continue;
                }

                WriteErr(builder, issue);
                written++;
            }
        }

        return builder.ToArray();
    }

    private static void WriteErr(Hl7MessageBuilder builder, Issue issue)
    {
        Hl7ErrorCondition condition = Hl7ErrorTable.Lookup(issue.Code);
        builder.StartSegment("ERR").Field(null);
        if (Hl7ErrorLocation.TryParse(issue.Location, out Hl7ErrorLocation location))
        {
            builder.Components(location.ToComponents());
        }
        else
        {
            builder.Field(null);
        }

        builder.Components(condition.Code.ToString(System.Globalization.CultureInfo.InvariantCulture), condition.Text, "HL70357")
            .Field(issue.Severity switch
            {
                IssueSeverity.Information => "I",
                IssueSeverity.Warning => "W",
                _ => "E",
            })
            .Components(issue.Code, null, "EcgBridge");
    }

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset value)
    {
        DateTimeOffset utc = value.ToUniversalTime();
        return utc.AddTicks(-(utc.Ticks % TimeSpan.TicksPerSecond));
    }

    private static string? Hl7EscapedText(string? value) =>
        string.IsNullOrEmpty(value) ? null : Hl7Escaping.Escape(value, Hl7EncodingCharacters.Standard);

    private static bool IsSimpleToken(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 3)
        {
            return false;
        }

        foreach (char c in value)
        {
            if (!char.IsAsciiLetter(c))
            {
                return false;
            }
        }

        return true;
    }
}

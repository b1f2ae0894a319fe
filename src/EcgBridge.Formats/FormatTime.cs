using EcgBridge.Core.Issues;
using EcgBridge.Core.Mapping;

namespace EcgBridge.Formats;

/// <summary>
/// Vendor files carry local wall-clock times without an offset; the site's zone comes from the profile option
/// <c>timeZone</c> (an IANA id). Without it the time is taken as UTC and a warning says so.
/// </summary>
internal static class FormatTime
{
    public static DateTimeOffset? Localize(DateTime? wallClock, MappingProfile profile, string location, IssueList issues)
    {
        if (wallClock is not { } local)
        {
            return null;
        }

        if (profile.Options.TryGetValue("timeZone", out string? zoneId) && !string.IsNullOrWhiteSpace(zoneId))
        {
            try
            {
                TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId.Trim());
                DateTime unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
                return new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified));
            }
            catch (TimeZoneNotFoundException)
            {
                issues.Warning(FormatCodes.ZoneAssumedUtc, location);
            }
            catch (InvalidTimeZoneException)
            {
                issues.Warning(FormatCodes.ZoneAssumedUtc, location);
            }
        }
        else
        {
            issues.Warning(FormatCodes.ZoneAssumedUtc, location);
        }

        return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), TimeSpan.Zero);
    }
}

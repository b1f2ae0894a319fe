using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EcgBridge.Audit;
using EcgBridge.Core.Audit;

namespace EcgBridge.Host.Http;

/// <summary>
/// The opaque <c>_cursor</c> of a search link: a position in the result order (keyset), the direction, the filter it
/// belongs to, and when it was issued, under a MAC. A cursor that was altered, belongs to another search, or is older
/// than <see cref="Lifetime"/> is refused.
/// </summary>
internal static class SearchCursor
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);
    private const string Purpose = "fhir-search-cursor";
    private const int MacBytes = 16;

    /// <summary>
    /// Encodes a cursor for the search whose filter fingerprint is <paramref name="filter"/>, from
    /// <paramref name="position"/> (after it, or before it when <paramref name="backward"/>; null = the last page).
    /// </summary>
    public static string Encode(PatientIdHasher keys, RiskAssessmentKey? position, bool backward, string filter, DateTimeOffset now)
    {
        string occurrence = position?.Occurrence is { } at ? (at.UtcTicks / 10).ToString(CultureInfo.InvariantCulture) : "";
        string direction = position is null ? "l" : backward ? "b" : "f";
        string text = string.Join('\n', "1", direction, occurrence, position?.Id ?? "", filter, now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        byte[] payload = Encoding.UTF8.GetBytes(text);
        byte[] mac = keys.Mac(Purpose, payload);
        byte[] token = new byte[payload.Length + MacBytes];
        payload.CopyTo(token, 0);
        mac.AsSpan(0, MacBytes).CopyTo(token.AsSpan(payload.Length));
        return Base64Url(token);
    }

    /// <summary>Decodes a cursor, or returns false when it is malformed, altered, for another filter, or expired.</summary>
    public static bool TryDecode(PatientIdHasher keys, string? value, string filter, DateTimeOffset now, out RiskAssessmentKey? position, out bool backward)
    {
        position = null;
        backward = false;
        byte[]? token = FromBase64Url(value);
        if (token is null || token.Length <= MacBytes || token.Length > 4096)
        {
            return false;
        }

        ReadOnlySpan<byte> payload = token.AsSpan(0, token.Length - MacBytes);
        byte[] mac = keys.Mac(Purpose, payload);
        if (!CryptographicOperations.FixedTimeEquals(mac.AsSpan(0, MacBytes), token.AsSpan(token.Length - MacBytes)))
        {
            return false;
        }

        string[] parts = Encoding.UTF8.GetString(payload).Split('\n');
        if (parts.Length != 6 || parts[0] != "1" || parts[1] is not ("b" or "f" or "l") || parts[4] != filter
            || !long.TryParse(parts[5], NumberStyles.None, CultureInfo.InvariantCulture, out long issued)
            || now - DateTimeOffset.FromUnixTimeSeconds(issued) > Lifetime)
        {
            return false;
        }

        if (parts[1] == "l")
        {
            backward = true;
            return true;
        }

        DateTimeOffset? occurrence = null;
        if (parts[2].Length > 0)
        {
            if (!long.TryParse(parts[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long micros))
            {
                return false;
            }

            occurrence = new DateTimeOffset(micros * 10, TimeSpan.Zero);
        }

        position = new RiskAssessmentKey(occurrence, parts[3]);
        backward = parts[1] == "b";
        return true;
    }

    /// <summary>A short fingerprint of the filter and order a cursor belongs to.</summary>
    public static string Fingerprint(RiskAssessmentSearch search)
    {
        ArgumentNullException.ThrowIfNull(search);
        string text = string.Join(
            '\n',
            search.Subject,
            search.SubjectIdentifierValue,
            search.OccurredFrom?.UtcTicks.ToString(CultureInfo.InvariantCulture),
            search.OccurredBefore?.UtcTicks.ToString(CultureInfo.InvariantCulture),
            search.Ascending ? "asc" : "desc");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 8));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[]? FromBase64Url(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 8192)
        {
            return null;
        }

        string text = value.Replace('-', '+').Replace('_', '/');
        text += (text.Length % 4) switch { 2 => "==", 3 => "=", _ => "" };
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

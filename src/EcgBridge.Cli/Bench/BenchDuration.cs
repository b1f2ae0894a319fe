using System.Globalization;

namespace EcgBridge.Cli.Bench;

/// <summary>Parses run lengths: <c>90</c> or <c>90s</c> (seconds), <c>2m</c> (minutes), <c>1h</c>; positive, at most a day.</summary>
internal static class BenchDuration
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        string trimmed = text.Trim();
        double factor = 1;
        if (trimmed.EndsWith('h'))
        {
            factor = 3600;
        }
        else if (trimmed.EndsWith('m'))
        {
            factor = 60;
        }

        trimmed = trimmed.TrimEnd('s', 'm', 'h');
        if (!double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            || !double.IsFinite(value) || value <= 0 || value * factor > 86_400)
        {
            return false;
        }

        duration = TimeSpan.FromSeconds(value * factor);
        return true;
    }
}

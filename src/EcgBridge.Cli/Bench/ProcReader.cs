using System.Globalization;

namespace EcgBridge.Cli.Bench;

/// <summary>
/// Reads CPU time and memory of a process from Linux /proc (<c>stat</c> fields 14 utime and 15 stime in clock ticks;
/// <c>status</c> VmRSS, VmHWM, Threads). CPU percent is of one core (200 % = both cores of this machine busy).
/// </summary>
internal static class ProcReader
{
    /// <summary>USER_HZ: the unit of /proc/&lt;pid&gt;/stat times; 100 on every Linux architecture .NET runs on.</summary>
    public const double TicksPerSecond = 100;

    /// <summary>utime + stime of a <c>/proc/&lt;pid&gt;/stat</c> line, in clock ticks.</summary>
    public static bool TryParseCpuTicks(string stat, out long ticks)
    {
        ticks = 0;
        ArgumentNullException.ThrowIfNull(stat);

        // Field 2 (comm) is in parentheses and may itself contain spaces and ')': fields resume after the LAST ')'.
        int close = stat.LastIndexOf(')');
        if (close < 0)
        {
            return false;
        }

        string[] rest = stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);

        // rest[0] is field 3 (state), so field n is rest[n - 3]: utime = rest[11], stime = rest[12].
        if (rest.Length < 13
            || !long.TryParse(rest[11], NumberStyles.None, CultureInfo.InvariantCulture, out long user)
            || !long.TryParse(rest[12], NumberStyles.None, CultureInfo.InvariantCulture, out long system))
        {
            return false;
        }

        ticks = user + system;
        return true;
    }

    /// <summary>A <c>Key:   123 kB</c> value of <c>/proc/&lt;pid&gt;/status</c> (kB for sizes, a plain count for Threads).</summary>
    public static long? StatusValue(string status, string key)
    {
        ArgumentNullException.ThrowIfNull(status);
        foreach (string line in status.Split('\n'))
        {
            if (line.Length > key.Length && line.StartsWith(key, StringComparison.Ordinal) && line[key.Length] == ':')
            {
                string[] parts = line[(key.Length + 1)..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                return parts.Length > 0 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out long value) ? value : null;
            }
        }

        return null;
    }

    /// <summary>Reads one sample of process <paramref name="pid"/>, or null when it is gone or /proc is not there.</summary>
    public static ProcessSample? TryRead(int pid, TimeSpan at)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            string status = File.ReadAllText($"/proc/{pid}/status");
            if (!TryParseCpuTicks(stat, out long ticks))
            {
                return null;
            }

            return new ProcessSample(at, ticks, StatusValue(status, "VmRSS") ?? 0, StatusValue(status, "VmHWM") ?? 0, (int)(StatusValue(status, "Threads") ?? 0));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>CPU use between two samples in percent of one core.</summary>
    public static double CpuPercent(ProcessSample first, ProcessSample last)
    {
        double seconds = (last.At - first.At).TotalSeconds;
        return seconds <= 0 ? 0 : (last.CpuTicks - first.CpuTicks) / TicksPerSecond / seconds * 100;
    }

    /// <summary>The 1-minute load average of <c>/proc/loadavg</c> text, or null.</summary>
    public static double? ParseLoadAverage(string loadavg)
    {
        ArgumentNullException.ThrowIfNull(loadavg);
        string[] parts = loadavg.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length > 0 && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double load) ? load : null;
    }

    /// <summary>The machine's 1-minute load average now, or null off Linux.</summary>
    public static double? LoadAverage()
    {
        try
        {
            return ParseLoadAverage(File.ReadAllText("/proc/loadavg"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

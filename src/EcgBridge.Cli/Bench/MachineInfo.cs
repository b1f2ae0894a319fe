using System.Runtime.InteropServices;

namespace EcgBridge.Cli.Bench;

/// <summary>The machine a run measured: CPU model, core count, OS and runtime, for the report.</summary>
internal sealed record MachineInfo(string Cpu, int Cores, string OperatingSystem, string Runtime)
{
    public static MachineInfo Current() =>
        new(CpuModel(), Environment.ProcessorCount, RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription);

    /// <summary>The first <c>model name</c> of /proc/cpuinfo text, or "unknown".</summary>
    public static string CpuModel(string cpuinfo)
    {
        ArgumentNullException.ThrowIfNull(cpuinfo);
        foreach (string line in cpuinfo.Split('\n'))
        {
            if (line.StartsWith("model name", StringComparison.Ordinal) && line.IndexOf(':', StringComparison.Ordinal) is int colon and >= 0)
            {
                return line[(colon + 1)..].Trim();
            }
        }

        return "unknown";
    }

    private static string CpuModel()
    {
        try
        {
            return CpuModel(File.ReadAllText("/proc/cpuinfo"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }
}

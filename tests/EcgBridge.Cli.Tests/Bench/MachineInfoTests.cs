using EcgBridge.Cli.Bench;

namespace EcgBridge.Cli.Tests.Bench;

public class MachineInfoTests
{
    [Fact]
    public void Cpu_model_is_the_first_model_name_of_cpuinfo()
    {
        const string cpuinfo = "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 9B14\nprocessor\t: 1\nmodel name\t: AMD EPYC 9B14\n";

        Assert.Equal("AMD EPYC 9B14", MachineInfo.CpuModel(cpuinfo));
        Assert.Equal("unknown", MachineInfo.CpuModel("processor\t: 0\n"));
    }
}

using System.Text;
using EcgBridge.Cli.Bench;

namespace EcgBridge.Cli.Tests.Bench;

public class SmallMessageTests
{
    [Fact]
    public void Is_an_ADT_A01_of_about_three_hundred_bytes_with_a_unique_control_id()
    {
        byte[] first = SmallMessage.Build(42, 0);
        byte[] second = SmallMessage.Build(42, 1);

        string[] msh = Encoding.ASCII.GetString(first).Split('\r')[0].Split('|');
        Assert.Equal("ADT^A01^ADT_A01", msh[8]);
        Assert.Equal("BENCH42-0", msh[9]);
        Assert.InRange(first.Length, 250, 400);
        Assert.NotEqual(Encoding.ASCII.GetString(first), Encoding.ASCII.GetString(second));
    }
}

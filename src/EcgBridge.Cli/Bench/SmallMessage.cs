using System.Globalization;
using System.Text;

namespace EcgBridge.Cli.Bench;

/// <summary>A small synthetic ADT^A01 (about 300 bytes, no real patient data) with a unique control id per message.</summary>
internal static class SmallMessage
{
    public static byte[] Build(ulong run, long index)
    {
        string id = string.Create(CultureInfo.InvariantCulture, $"BENCH{run}-{index}");
        string message =
            "MSH|^~\\&|ECGBRIDGE-BENCH|BENCH|ECGBRIDGE|HOSPITAL|20261124083000||ADT^A01^ADT_A01|" + id + "|P|2.5.1|||AL|NE\r"
            + "EVN|A01|20261124083000\r"
            + "PID|1||BENCH-" + index.ToString(CultureInfo.InvariantCulture) + "^^^BENCH^MR||SYNTHETIC^TEST^^^^^L||19700101|U|||1 TEST STREET^^TESTTOWN^^00000\r"
            + "PV1|1|I|WARD^101^1^BENCH||||||||||||||||V" + index.ToString(CultureInfo.InvariantCulture) + "|||||||||||||||||||||||||20261124083000\r";
        return Encoding.ASCII.GetBytes(message);
    }
}

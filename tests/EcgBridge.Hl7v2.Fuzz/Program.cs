using System.Buffers;
using System.Globalization;
using SharpFuzz;

namespace EcgBridge.Hl7v2.Fuzz;

/// <summary>
/// Entry point. No arguments: the SharpFuzz fork server for afl-fuzz (see run-fuzz.sh). <c>replay PATH...</c>: runs files
/// or folders through the target in-process and reports exceptions (crash triage, corpus check).
/// <c>mutate SECONDS CORPUS [DICT]</c>: a coverage-less mutation loop for machines without afl-fuzz.
/// <c>seeds DIR</c>: writes the synthetic waveform seeds of the corpus.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length == 0)
        {
            // Nothing instrumented may run before this call sets up afl-fuzz's shared memory: the profiles load lazily in
            // the first execution.
            Fuzzer.OutOfProcess.Run(stream => FuzzTarget.Run(ReadAll(stream)));
            return 0;
        }

        FuzzTarget.Warm();

        return args[0] switch
        {
            "replay" when args.Length >= 2 => Replay.Run(args[1..]),
            "mutate" when args.Length >= 3 => MutationLoop.Run(
                TimeSpan.FromSeconds(double.Parse(args[1], CultureInfo.InvariantCulture)), args[2], args.Length > 3 ? args[3] : null),
            "seeds" when args.Length == 2 => SyntheticSeeds.Write(args[1]),
            _ => Usage(),
        };
    }

    private static byte[] ReadAll(Stream stream)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        while (true)
        {
            int read = stream.Read(buffer.GetSpan(4096));
            if (read <= 0)
            {
                return buffer.WrittenSpan.ToArray();
            }

            buffer.Advance(read);
        }
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: EcgBridge.Hl7v2.Fuzz [replay PATH... | mutate SECONDS CORPUS [DICT] | seeds DIR]");
        return 2;
    }
}

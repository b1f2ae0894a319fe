namespace EcgBridge.Hl7v2.Fuzz;

/// <summary>Runs saved inputs (files or folders of files) through the target and reports the ones that throw.</summary>
internal static class Replay
{
    public static int Run(string[] paths)
    {
        int files = 0;
        int crashes = 0;
        foreach (string path in paths)
        {
            string[] inputs = Directory.Exists(path) ? Directory.GetFiles(path) : [path];
            Array.Sort(inputs, StringComparer.Ordinal);
            foreach (string input in inputs)
            {
                files++;
                try
                {
                    FuzzTarget.Run(File.ReadAllBytes(input));
                }
#pragma warning disable CA1031 // Triage reports every exception type; none is expected.
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    crashes++;
                    Console.WriteLine($"CRASH {input}");
                    Console.WriteLine(exception);
                }
            }
        }

        Console.WriteLine($"replayed {files} inputs, {crashes} crashes, {FuzzTarget.RecordingsDecoded} recordings decoded");
        return crashes == 0 ? 0 : 1;
    }
}

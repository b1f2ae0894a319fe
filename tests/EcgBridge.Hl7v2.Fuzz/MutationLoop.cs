using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace EcgBridge.Hl7v2.Fuzz;

/// <summary>
/// A coverage-less fallback for machines without afl-fuzz: stacked random mutations (bit flips, interesting bytes,
/// deletions, duplications, splices with other seeds, dictionary insertions) over the corpus, run in-process until
/// the time is up. Inputs that throw are saved under <c>mutation-crashes/</c> beside the corpus folder.
/// </summary>
internal static class MutationLoop
{
    private static readonly byte[] InterestingBytes = [0x0B, 0x1C, 0x0D, 0x0A, 0x00, 0xFF, 0x7F, 0x80, (byte)'|', (byte)'^', (byte)'~', (byte)'\\', (byte)'&', (byte)'#', (byte)' ', (byte)'-', (byte)'.', (byte)'0', (byte)'9'];

    public static int Run(TimeSpan duration, string corpusDirectory, string? dictionaryPath)
    {
        List<byte[]> corpus = [.. Directory.GetFiles(corpusDirectory).Order(StringComparer.Ordinal).Select(File.ReadAllBytes)];
        List<byte[]> tokens = dictionaryPath is null ? [] : Dictionary.Read(dictionaryPath);
        if (corpus.Count == 0)
        {
            Console.Error.WriteLine("empty corpus");
            return 2;
        }

        string crashDirectory = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(corpusDirectory))!, "mutation-crashes");
        var random = new Random(20261123);
        var clock = Stopwatch.StartNew();
        TimeSpan nextReport = TimeSpan.FromSeconds(30);
        long executions = 0;
        int crashes = 0;
        while (clock.Elapsed < duration)
        {
            byte[] input = Mutate(corpus[random.Next(corpus.Count)], corpus, tokens, random);
            try
            {
                FuzzTarget.Run(input);
            }
#pragma warning disable CA1031 // Every exception is a finding to save.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                crashes++;
                Directory.CreateDirectory(crashDirectory);
                string name = string.Create(CultureInfo.InvariantCulture, $"crash-{crashes:D4}-{exception.GetType().Name}");
                File.WriteAllBytes(Path.Combine(crashDirectory, name), input);
                Console.WriteLine($"CRASH {name}: {exception.GetType().FullName} {exception.Message}");
            }

            executions++;
            if (clock.Elapsed >= nextReport)
            {
                Report(clock.Elapsed, executions, crashes);
                nextReport += TimeSpan.FromSeconds(30);
            }
        }

        Report(clock.Elapsed, executions, crashes);
        return crashes == 0 ? 0 : 1;
    }

    private static void Report(TimeSpan elapsed, long executions, int crashes) =>
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{elapsed.TotalSeconds:F0} s: {executions} execs ({executions / elapsed.TotalSeconds:F0}/s), {crashes} crashes"));

    private static byte[] Mutate(byte[] seed, List<byte[]> corpus, List<byte[]> tokens, Random random)
    {
        var data = new List<byte>(seed);
        int count = 1 << random.Next(4);
        for (int m = 0; m < count; m++)
        {
            int position = data.Count == 0 ? 0 : random.Next(data.Count);
            switch (random.Next(tokens.Count > 0 ? 8 : 7))
            {
                case 0 when data.Count > 0:
                    data[position] ^= (byte)(1 << random.Next(8));
                    break;
                case 1 when data.Count > 0:
                    data[position] = InterestingBytes[random.Next(InterestingBytes.Length)];
                    break;
                case 2:
                    data.Insert(position, InterestingBytes[random.Next(InterestingBytes.Length)]);
                    break;
                case 3 when data.Count > 1:
                    data.RemoveRange(position, Math.Min(data.Count - position, 1 + random.Next(32)));
                    break;
                case 4 when data.Count > 1:
                    int length = Math.Min(data.Count - position, 1 + random.Next(64));
                    data.InsertRange(random.Next(data.Count), data.GetRange(position, length));
                    break;
                case 5:
                    byte[] other = corpus[random.Next(corpus.Count)];
                    if (other.Length > 0)
                    {
                        int from = random.Next(other.Length);
                        data.InsertRange(position, other.AsSpan(from, Math.Min(other.Length - from, 1 + random.Next(256))).ToArray());
                    }

                    break;
                case 6 when data.Count > 0:
                    data[position] = (byte)random.Next(256);
                    break;
                case 7:
                    data.InsertRange(position, tokens[random.Next(tokens.Count)]);
                    break;
                default:
                    break;
            }
        }

        return [.. data];
    }

    /// <summary>Reads an afl-fuzz dictionary: <c>name="value"</c> lines with <c>\xNN</c>, <c>\\</c> and <c>\"</c> escapes.</summary>
    private static class Dictionary
    {
        public static List<byte[]> Read(string path)
        {
            var tokens = new List<byte[]>();
            foreach (string line in File.ReadLines(path))
            {
                int open = line.IndexOf('"', StringComparison.Ordinal);
                int close = line.LastIndexOf('"');
                if (line.TrimStart().StartsWith('#') || open < 0 || close <= open)
                {
                    continue;
                }

                tokens.Add(Unescape(line.AsSpan(open + 1, close - open - 1)));
            }

            return tokens;
        }

        private static byte[] Unescape(ReadOnlySpan<char> value)
        {
            var bytes = new List<byte>(value.Length);
            for (int i = 0; i < value.Length; i++)
            {
                if (value[i] == '\\' && i + 1 < value.Length)
                {
                    if (value[i + 1] == 'x' && i + 3 < value.Length)
                    {
                        bytes.Add(byte.Parse(value.Slice(i + 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                        i += 3;
                        continue;
                    }

                    bytes.Add((byte)value[i + 1]);
                    i++;
                    continue;
                }

                bytes.AddRange(Encoding.UTF8.GetBytes(value.Slice(i, 1).ToArray()));
            }

            return [.. bytes];
        }
    }
}

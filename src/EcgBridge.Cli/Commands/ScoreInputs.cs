namespace EcgBridge.Cli.Commands;

/// <summary>Which files <c>ecgbridge score</c> reads: the file given, or each ECG file of a directory (not recursive).</summary>
internal static class ScoreInputs
{
    /// <summary>Output suffixes the command writes; never read back as inputs.</summary>
    public static readonly string[] OutputSuffixes = [".riskassessment.json", ".provenance.json", ".device.json"];

    /// <summary>
    /// The inputs below <paramref name="path"/>, sorted by name. In a directory a WFDB record counts once, by its .hea
    /// header (its .dat and annotation files are skipped), and the command's own outputs are skipped.
    /// </summary>
    public static IReadOnlyList<string> Find(string path)
    {
        if (File.Exists(path))
        {
            return [path];
        }

        var inputs = new List<string>();
        foreach (string file in Directory.EnumerateFiles(path))
        {
            string name = Path.GetFileName(file);
            if (name.StartsWith('.') || IsOutput(name) || IsWfdbCompanion(file) || IsDocument(name))
            {
                continue;
            }

            inputs.Add(file);
        }

        inputs.Sort(StringComparer.Ordinal);
        return inputs;
    }

    private static bool IsOutput(string name)
    {
        foreach (string suffix in OutputSuffixes)
        {
            if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    // A signal or annotation file beside a header of the same record is read through that header.
    private static bool IsWfdbCompanion(string file) =>
        !file.EndsWith(".hea", StringComparison.OrdinalIgnoreCase)
        && File.Exists(Path.ChangeExtension(file, ".hea"));

    private static bool IsDocument(string name) =>
        name.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);
}

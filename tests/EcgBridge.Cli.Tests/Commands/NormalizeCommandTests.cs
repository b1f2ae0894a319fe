using EcgBridge.Core;
using EcgBridge.Core.Issues;
using EcgBridge.Core.Normalization;
using EcgBridge.TestSupport;

namespace EcgBridge.Cli.Tests.Commands;

[Collection(CliRunner.CollectionName)]
public sealed class NormalizeCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ecgbridge-normalize-").FullName;

    [Fact]
    public async Task Writes_the_12_by_5000_float32_tensor_of_a_WFDB_record()
    {
        string output = Path.Combine(_folder, "HR06000.f32");

        CliResult result = await CliRunner.RunAsync("normalize", RealRecords.HeaderPath(RealRecords.Hr06000), "--out", output);

        Assert.Equal(0, result.ExitCode);
        byte[] bytes = await File.ReadAllBytesAsync(output);
        Assert.Equal(EcgTensor.Length * sizeof(float), bytes.Length);
        Assert.True(EcgNormalizer.TryNormalize(RealRecords.Load(RealRecords.Hr06000), PreprocessingOptions.Default, out EcgTensor? expected, new IssueList()));
        Assert.Equal(System.Runtime.InteropServices.MemoryMarshal.AsBytes(expected!.Data.AsSpan()).ToArray(), bytes);
    }

    [Fact]
    public async Task Normalizes_the_bundled_sample_of_the_README()
    {
        string output = Path.Combine(_folder, "sample.f32");

        CliResult result = await CliRunner.RunAsync("normalize", RepositoryPaths.Combine("samples", "HR06000.hea"), "--out", output);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(EcgTensor.Length * sizeof(float), new FileInfo(output).Length);
    }

    [Fact]
    public async Task Warns_about_the_LUDB_header_naming_another_file_and_still_succeeds()
    {
        CliResult result = await CliRunner.RunAsync("normalize", RealRecords.HeaderPath(RealRecords.Ludb), "--out", Path.Combine(_folder, "ludb.f32"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("warning: WFDB-FILE-RENAMED signal 1", result.ErrorLines);
    }

    [Fact]
    public async Task Rejects_a_record_missing_a_precordial_lead_with_exit_3_and_the_lead_named()
    {
        string header = CopyRecordWithout(RealRecords.Hr06000, "V3");

        CliResult result = await CliRunner.RunAsync("normalize", header, "--out", Path.Combine(_folder, "x.f32"));

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(["rejected: ECG-LEADS-MISSING lead V3"], result.ErrorLines);
        Assert.False(File.Exists(Path.Combine(_folder, "x.f32")));
    }

    [Fact]
    public async Task Rejects_content_no_reader_understands_with_exit_3()
    {
        string input = Path.Combine(_folder, "notes.txt");
        await File.WriteAllTextAsync(input, "hello");

        CliResult result = await CliRunner.RunAsync("normalize", input, "--out", Path.Combine(_folder, "x.f32"));

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(["rejected: CLI-INPUT-UNSUPPORTED input"], result.ErrorLines);
    }

    [Fact]
    public async Task Answers_a_missing_out_option_with_exit_2()
    {
        CliResult result = await CliRunner.RunAsync("normalize", RealRecords.HeaderPath(RealRecords.Hr06000));

        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public async Task Answers_an_input_that_does_not_exist_with_exit_2()
    {
        CliResult result = await CliRunner.RunAsync("normalize", Path.Combine(_folder, "absent.hea"), "--out", Path.Combine(_folder, "x.f32"));

        Assert.Equal(2, result.ExitCode);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string CopyRecordWithout(string record, string leadName)
    {
        string[] lines = File.ReadAllLines(RealRecords.HeaderPath(record));
        var kept = lines.Where((line, i) => i == 0 || line.StartsWith('#') || !line.EndsWith(" " + leadName, StringComparison.Ordinal)).ToList();
        string[] first = kept[0].Split(' ');
        first[1] = "11";
        kept[0] = string.Join(' ', first);

        // The .mat still holds 12 interleaved columns; a header naming 11 would read them wrongly, so write 11 columns.
        byte[] mat = File.ReadAllBytes(RealRecords.FilePath(record + ".mat"));
        int drop = Array.FindIndex(lines.Skip(1).ToArray(), l => l.EndsWith(" " + leadName, StringComparison.Ordinal));
        var data = new List<byte>();
        for (int t = 0; t < 5000; t++)
        {
            for (int c = 0; c < 12; c++)
            {
                if (c != drop)
                {
                    data.Add(mat[24 + (((t * 12) + c) * 2)]);
                    data.Add(mat[24 + (((t * 12) + c) * 2) + 1]);
                }
            }
        }

        string name = record + "_without_" + leadName;
        File.WriteAllBytes(Path.Combine(_folder, name + ".dat"), data.ToArray());
        kept = kept.Select((line, i) => i == 0 ? name + line[line.IndexOf(' ', StringComparison.Ordinal)..] : line.StartsWith('#') ? line : name + ".dat 16" + line[line.IndexOf(' ', line.IndexOf(' ', StringComparison.Ordinal) + 1)..]).ToList();
        string header = Path.Combine(_folder, name + ".hea");
        File.WriteAllLines(header, kept);
        return header;
    }
}

using System.IO.Pipelines;
using System.Text;
using EcgBridge.Hl7v2.Mllp;

namespace EcgBridge.Hl7v2.Tests.Mllp;

public class MllpFrameReaderTests
{
    private static async Task<List<MllpReadResult>> ReadAllAsync(IEnumerable<byte[]> chunks, int maxFrameBytes = 1024)
    {
        var pipe = new Pipe();
        foreach (byte[] chunk in chunks)
        {
            await pipe.Writer.WriteAsync(chunk);
        }

        await pipe.Writer.CompleteAsync();
        var reader = new MllpFrameReader(maxFrameBytes);
        var results = new List<MllpReadResult>();
        while (true)
        {
            MllpReadResult result = await reader.ReadFrameAsync(pipe.Reader, CancellationToken.None);
            if (result.Status == MllpReadStatus.EndOfStream)
            {
                return results;
            }

            results.Add(result);
        }
    }

    private static string Text(MllpReadResult result) => Encoding.ASCII.GetString(result.Frame.Span);

    [Fact]
    public async Task Decodes_frames_split_across_reads_one_byte_at_a_time()
    {
        byte[] stream = [.. MllpFrameWriter.Frame("MSH|A"u8), .. MllpFrameWriter.Frame("MSH|B"u8)];
        List<MllpReadResult> results = await ReadAllAsync(stream.Select(b => new[] { b }));
        Assert.Equal(["MSH|A", "MSH|B"], results.Select(Text));
    }

    [Fact]
    public async Task Reports_bytes_outside_frames_and_keeps_reading()
    {
        byte[] stream = [.. "junk"u8, .. MllpFrameWriter.Frame("MSH|A"u8)];
        List<MllpReadResult> results = await ReadAllAsync([stream]);
        Assert.Equal(Hl7Codes.MllpBytesOutsideFrame, results[0].Code);
        Assert.Equal("MSH|A", Text(results[1]));
    }

    [Fact]
    public async Task Reports_a_frame_without_FS_at_the_end_of_the_stream()
    {
        List<MllpReadResult> results = await ReadAllAsync([[0x0B, .. "MSH|A"u8]]);
        Assert.Equal(Hl7Codes.MllpFrameUnterminated, Assert.Single(results).Code);
    }

    [Fact]
    public async Task Discards_oversize_frames_and_reads_the_next()
    {
        byte[] big = MllpFrameWriter.Frame(new byte[5000]);
        byte[] stream = [.. big, .. MllpFrameWriter.Frame("MSH|B"u8)];
        List<MllpReadResult> results = await ReadAllAsync(stream.Chunk(700), maxFrameBytes: 1024);
        Assert.Equal(Hl7Codes.MllpFrameTooLarge, results[0].Code);
        Assert.Equal("MSH|B", Text(results[^1]));
        Assert.Equal(2, results.Count);
    }

    [Fact]
    public async Task Tolerates_a_missing_CR_after_FS_and_whitespace_between_frames()
    {
        byte[] stream = [0x0B, .. "MSH|A"u8, 0x1C, (byte)'\n', 0x0B, .. "MSH|B"u8, 0x1C, 0x0D];
        List<MllpReadResult> results = await ReadAllAsync([stream]);
        Assert.Equal(["MSH|A", "MSH|B"], results.Select(Text));
    }

    [Fact]
    public async Task Writer_frames_with_VT_FS_CR()
    {
        var pipe = new Pipe();
        await MllpFrameWriter.WriteFrameAsync(pipe.Writer, "MSH|A"u8.ToArray(), CancellationToken.None);
        await pipe.Writer.CompleteAsync();
        ReadResult read = await pipe.Reader.ReadAsync();
        byte[] expected = [0x0B, .. "MSH|A"u8, 0x1C, 0x0D];
        Assert.Equal(expected, System.Buffers.BuffersExtensions.ToArray(read.Buffer));
    }
}

using System.Buffers;
using EcgBridge.Core.Issues;
using EcgBridge.Core.Mapping;
using EcgBridge.Hl7v2.Acknowledgments;
using EcgBridge.Hl7v2.Files;
using EcgBridge.Hl7v2.Mllp;
using EcgBridge.Hl7v2.Parsing;
using EcgBridge.Hl7v2.Waveforms;

namespace EcgBridge.Hl7v2.Fuzz;

/// <summary>
/// One fuzz execution: the bytes go to the reader (every segment, field and text walked), the ECG decoder with the
/// repository's profiles, the ACK builder (whose ACK must read back) and the MLLP frame decoder, whole and split into
/// chunks. Bad input must give codes; any exception, including a broken invariant, is a crash.
/// </summary>
internal static class FuzzTarget
{
    // Small limits reach the oversize paths with small inputs; the defaults run too.
    private const int SmallFrameLimit = 64;

    // Fixed so that two runs on the same input cover the same code (no clock, no new GUID).
    private static readonly Hl7AckOptions AckOptions = new()
    {
        ControlId = "FUZZ1",
        Timestamp = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero),
    };

    private static readonly Hl7ReaderOptions SmallReaderOptions = new()
    {
        MaxMessageBytes = 4096,
        MaxSegments = 16,
        MaxSegmentBytes = 512,
        MaxEscapeSequenceLength = 8,
    };

    private static readonly Lazy<MappingProfileSet> LazyProfiles = new(LoadProfiles);

    private static MappingProfileSet Profiles => LazyProfiles.Value;

    /// <summary>How many decodes produced a recording (replay reports it, to show the decoders are reached).</summary>
    public static int RecordingsDecoded { get; private set; }

    /// <summary>Loads the profiles once, before the fork server starts, so every run sees them.</summary>
    public static void Warm() => _ = Profiles;

    /// <summary>Runs every component on <paramref name="input"/>; throws on any bug.</summary>
    public static void Run(ReadOnlyMemory<byte> input)
    {
        ReadAll(input, Hl7ReaderOptions.Default);
        ReadAll(input, SmallReaderOptions);
        foreach (ReadOnlyMemory<byte> message in Hl7Batch.Split(input))
        {
            Decode(message, null);
        }

        // An explicit profile reaches the decoders whatever MSH-3/MSH-4/OBR-4 say; which one depends on the input.
        IReadOnlyList<MappingProfile> profiles = Profiles.Profiles;
        if (profiles.Count > 0)
        {
            Decode(input, profiles[input.Length % profiles.Count].Name);
        }

        DecodeFrames(input);
    }

    private static void ReadAll(ReadOnlyMemory<byte> input, Hl7ReaderOptions options)
    {
        var issues = new IssueList();
        Hl7Message.TryParse(input, options, issues, out Hl7Message? message);
        if (message is null)
        {
            return;
        }

        for (int s = 0; s < message.SegmentCount; s++)
        {
            Hl7Segment segment = message[s];
            _ = segment.Id;
            _ = segment.Location(1);
            int fields = Math.Min(segment.FieldCount, 32);
            for (int f = 1; f <= fields; f++)
            {
                int repetitions = Math.Min(Count(segment.Field(f), message.Delimiters.Repetition), 4);
                for (int r = 1; r <= repetitions; r++)
                {
                    for (int c = 1; c <= 3; c++)
                    {
                        _ = segment.Text(f, c, 1, r);
                        _ = segment.Text(f, c, 2, r);
                    }
                }

                _ = Hl7Numbers.TryParse(segment.Field(f), tolerateInnerSpaces: true, out _);
                string? text = segment.Text(f);
                if (text is not null)
                {
                    _ = Hl7DateTime.TryParse(text, out _);
                    CheckEscapeRoundTrip(text, message.Delimiters);
                }
            }
        }
    }

    private static void Decode(ReadOnlyMemory<byte> message, string? explicitProfile)
    {
        var issues = new IssueList();
        Hl7EcgDecoder.TryDecode(message, Profiles, explicitProfile, issues, out Hl7DecodeResult result);
        if (result.Recording is { } recording)
        {
            RecordingsDecoded++;
            Check(recording.Leads.Count > 0, "a decoded recording has leads");
            Check(recording.SampleRateHz > 0 && double.IsFinite(recording.SampleRateHz), "a decoded recording has a finite positive rate");
        }

        Hl7AckCode code = Hl7AckBuilder.ChooseCode(result.Header, issues);
        _ = Hl7AckBuilder.ShouldSend(result.Header, code);
        byte[] ack = Hl7AckBuilder.Build(result.Header, code, issues, AckOptions);
        CheckAck(ack, result.Header, code);
    }

    // The sender must be able to read what we answer: the ACK parses, carries our code and echoes MSH-10.
    private static void CheckAck(byte[] ack, Hl7MessageHeader? answered, Hl7AckCode code)
    {
        var issues = new IssueList();
        bool parsed = Hl7Message.TryParse(ack, issues, out Hl7Message? message);
        Check(parsed && message is not null, "the ACK reads back without errors: " + issues.CodesText());
        int msa = message!.FindSegment("MSA"u8);
        Check(msa >= 0, "the ACK has MSA");
        Check(message[msa].Text(1) == code.ToString(), "MSA-1 is the chosen code");
        Check(message[msa].Text(2) == answered?.MessageControlId?.Trim(' '), "MSA-2 echoes MSH-10");
    }

    private static void CheckEscapeRoundTrip(string text, Hl7EncodingCharacters delimiters)
    {
        string escaped = Hl7Escaping.Escape(text, delimiters);
        Check(Hl7Escaping.Unescape(escaped, delimiters) == text, "escaping round-trips");
    }

    private static void DecodeFrames(ReadOnlyMemory<byte> input)
    {
        foreach (int limit in (ReadOnlySpan<int>)[MllpFraming.DefaultMaxFrameBytes, SmallFrameLimit])
        {
            List<byte[]> whole = Frames(input, limit, []);
            int a = input.Length / 3;
            int b = input.IsEmpty ? 0 : (input.Span[0] * 7919 % input.Length);
            int[] cuts = [Math.Min(a, b), Math.Max(a, b), Math.Max(0, input.Length - 1)];
            List<byte[]> split = Frames(input, limit, cuts);
            List<byte[]> bytewise = input.Length <= 512 ? Frames(input, limit, Enumerable.Range(1, input.Length).ToArray()) : split;
            Check(SameFrames(whole, split) && SameFrames(whole, bytewise), "frames do not depend on how reads are split");
            foreach (byte[] frame in whole)
            {
                Check(frame.Length <= limit, "no frame exceeds the limit");
                Check(frame.AsSpan().IndexOf(MllpFraming.EndBlock) < 0, "no frame holds FS");
            }

            if (whole.Count > 0 && limit == MllpFraming.DefaultMaxFrameBytes)
            {
                Decode(whole[0], null);
            }
        }
    }

    // Feeds the input as a PipeReader would: each read sees what was left unconsumed plus the next chunk.
    private static List<byte[]> Frames(ReadOnlyMemory<byte> input, int limit, int[] cuts)
    {
        var decoder = new MllpFrameDecoder(limit);
        var frames = new List<byte[]>();
        int consumed = 0;
        int cutIndex = 0;
        int available = 0;
        int guard = (2 * input.Length) + (2 * cuts.Length) + 8;
        while (true)
        {
            Check(guard-- > 0, "the decoder makes progress");
            while (cutIndex < cuts.Length && cuts[cutIndex] <= available)
            {
                cutIndex++;
            }

            bool completed = cutIndex >= cuts.Length;
            int end = completed ? input.Length : cuts[cutIndex];
            var buffer = new ReadOnlySequence<byte>(input[consumed..end]);
            bool decoded = decoder.TryDecode(ref buffer, completed, out MllpReadResult result);
            int newConsumed = end - (int)buffer.Length;
            Check(newConsumed >= consumed, "the decoder never moves backwards");
            consumed = newConsumed;
            if (!decoded)
            {
                Check(!completed, "the decoder answers when the stream is complete");
                available = end;
                cutIndex++;
                continue;
            }

            if (result.Status == MllpReadStatus.EndOfStream)
            {
                Check(completed && consumed == input.Length, "the end comes after everything was consumed");
                return frames;
            }

            if (result.Status == MllpReadStatus.Frame)
            {
                frames.Add(result.Frame.ToArray());
            }
            else
            {
                Check(result.Code is not null, "a discard has a code");
            }

            available = end;
        }
    }

    private static bool SameFrames(List<byte[]> left, List<byte[]> right)
    {
        if (left.Count != right.Count)
        {
            return false;
        }

        for (int i = 0; i < left.Count; i++)
        {
            if (!left[i].AsSpan().SequenceEqual(right[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static int Count(ReadOnlySpan<byte> span, byte separator) => span.Count(separator) + 1;

    private static void Check(bool condition, string invariant)
    {
        if (!condition)
        {
            throw new FuzzInvariantException(invariant);
        }
    }

    private static MappingProfileSet LoadProfiles()
    {
        var issues = new IssueList();
        MappingProfileSet set = MappingProfileFiles.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "mappings"), issues);
        Check(!issues.HasErrors && set.Profiles.Count > 0, "the mapping profiles beside the binary load");
        return set;
    }
}

using System.Text;
using EcgBridge.Core;
using EcgBridge.Core.Issues;
using EcgBridge.Hl7v2.Acknowledgments;
using EcgBridge.Hl7v2.Waveforms;
using EcgBridge.Hl7v2.Writing;

namespace EcgBridge.Hl7v2.Tests.Waveforms;

public class Hl7EcgDecoderTests
{
    private static readonly Hl7WriteOptions WriteOptions = new()
    {
        SendingApplication = "CART",
        SendingFacility = "WARD",
        ControlId = "C-1",
        Timestamp = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero),
    };

    private static (bool Ok, Hl7DecodeResult Result, IssueList Issues) Decode(byte[] bytes, string? profile = null)
    {
        var issues = new IssueList();
        bool ok = Hl7EcgDecoder.TryDecode(bytes, TestFiles.Profiles, profile, issues, out Hl7DecodeResult result);
        return (ok, result, issues);
    }

    private static EcgRecording WithSource(EcgRecording recording) => new(recording.Leads, recording.SampleRateHz)
    {
        AcquisitionTime = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.FromHours(2)),
        Source = new EcgSource { PatientId = "P-77", PatientIdSystem = "HOSP", EncounterId = "V-9", OrderId = "ORD-5" },
    };

    private static void AssertSameSamples(EcgRecording expected, EcgRecording actual)
    {
        Assert.Equal(expected.SampleRateHz, actual.SampleRateHz);
        Assert.Equal(expected.Leads.Count, actual.Leads.Count);
        for (int l = 0; l < expected.Leads.Count; l++)
        {
            Assert.Equal(expected.Leads[l].Lead, actual.Leads[l].Lead);
            double[] a = expected.Leads[l].Samples;
            double[] b = actual.Leads[l].Samples;
            Assert.Equal(a.Length, b.Length);
            for (int i = 0; i < a.Length; i++)
            {
                Assert.True(Math.Abs(a[i] - b[i]) <= 1e-6, $"lead {l} sample {i}");
            }
        }
    }

    [Fact]
    public void Real_12_lead_record_written_as_PCD_01_decodes_to_the_same_samples_and_ids()
    {
        EcgRecording original = WithSource(TestFiles.RealRecording());
        var (ok, result, issues) = Decode(Pcd01MessageWriter.Write(original, WriteOptions));
        Assert.True(ok, issues.CodesText());
        Assert.Equal("ihe-pcd01", result.Profile!.Name);
        AssertSameSamples(original, result.Recording!);
        EcgSource source = result.Recording!.Source;
        Assert.Equal("P-77", source.PatientId);
        Assert.Equal("HOSP", source.PatientIdSystem);
        Assert.Equal("V-9", source.EncounterId);
        Assert.Equal("ORD-5", source.OrderId);
        Assert.Equal("CART", source.SendingApplication);
        Assert.Equal("WARD", source.SendingFacility);
        Assert.Equal("C-1", source.MessageControlId);
        Assert.Equal(original.AcquisitionTime, result.Recording.AcquisitionTime);
    }

    [Fact]
    public void Real_12_lead_record_written_as_chapter_7_CD_and_MA_decodes_to_the_same_samples()
    {
        EcgRecording original = WithSource(TestFiles.RealRecording());
        var (ok, result, issues) = Decode(WaveformMessageWriter.Write(original, WriteOptions));
        Assert.True(ok, issues.CodesText());
        Assert.Equal("hl7v2-waveform-ecg", result.Profile!.Name);
        AssertSameSamples(original, result.Recording!);
        Assert.Equal(original.AcquisitionTime, result.Recording!.AcquisitionTime);
    }

    [Fact]
    public void Reader_writer_reader_round_trip_is_stable()
    {
        EcgRecording original = TestFiles.RealRecording();
        byte[] first = Pcd01MessageWriter.Write(original, WriteOptions);
        var (_, decoded, _) = Decode(first);
        byte[] second = Pcd01MessageWriter.Write(decoded.Recording!, WriteOptions);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Reads_data_ranges_into_lead_limits()
    {
        var lead = new LeadSignal(Lead.I, [0.1, 0.2, -0.3]) { LowerLimitMillivolts = -5, UpperLimitMillivolts = 5 };
        var recording = new EcgRecording([lead], 500);
        var (_, result, issues) = Decode(Pcd01MessageWriter.Write(recording, WriteOptions));
        LeadSignal decoded = result.Recording!.Leads[0];
        Assert.Equal(-5, decoded.LowerLimitMillivolts);
        Assert.Equal(5, decoded.UpperLimitMillivolts);
        Assert.False(issues.HasErrors);
    }

    [Fact]
    public void Philips_monitor_message_is_refused_at_the_truncated_sample_list()
    {
        var (ok, result, issues) = Decode(TestFiles.Bytes("philips", "philips_intellivue_mx500_pcd01_waveform.hl7"));
        Assert.False(ok);
        Assert.Equal("philips-intellivue-pcd01", result.Profile!.Name);
        Assert.Equal("HP0425230332.872USDANRMMD1NBR488", result.Header!.MessageControlId);
        Assert.Contains(issues, i => i.Code == Hl7Codes.SampleInvalid && i.Location == "OBX[7]-5 lead I");
        Assert.Contains(issues, i => i.Code == EcgCodes.UnitUnsupported && i.Location == "OBX[7]-6 lead I");
        Assert.Equal(Hl7AckCode.CE, Hl7AckBuilder.ChooseCode(result.Header, issues));
    }

    [Fact]
    public void Philips_style_spaces_inside_numbers_and_scale_strings_decode()
    {
        string text = "MSH|^~\\&| SendingApplication|SendingFacility|R|F|20210425230332||ORU^R01^ORU_R01|X1|D|2.6\n"
            + "OBR|1||x|69121^MDC_OBS_WAVE_CTS^MDC |||20210426132052.548\n"
            + "OBX|1|NA|131329^MDC_ECG_ELEC_POTL_I^MDC|1.1.1.2|-10^- 5^2^4096 |10.mV/4096^10.mV/4096^UCUM|||||F|\n"
            + "OBX|2|NM|0^MDC_ATTR_SAMP_RATE^MDC|1.1.1.2.1|500|264608^MDC_DIM_PER_SEC^MDC|||||F\n";
        var (ok, result, issues) = Decode(Encoding.Latin1.GetBytes(text));
        Assert.True(ok, issues.CodesText());
        Assert.Equal("philips-intellivue-pcd01", result.Profile!.Name);
        double[] samples = result.Recording!.Leads[0].Samples;
        Assert.Equal([-10 * 10.0 / 4096, -5 * 10.0 / 4096, 2 * 10.0 / 4096, 10.0], samples);
        Assert.Equal(500, result.Recording.SampleRateHz);
    }

    [Fact]
    public void Pulse_oximetry_message_is_not_an_ECG()
    {
        var (ok, result, issues) = Decode(TestFiles.Bytes("t5", "t5_pcd01_nist_pulseox.hl7"));
        Assert.False(ok);
        Assert.Equal("9879790003", result.Header!.MessageControlId);
        Assert.Contains(issues, i => i.Code == Hl7Codes.WaveformMissing);
        Assert.Equal(Hl7AckCode.AE, Hl7AckBuilder.ChooseCode(result.Header, issues));
    }

    public static TheoryData<string> NodeHl7Files() => new(TestFiles.Names("node-hl7-complete"));

    [Theory]
    [MemberData(nameof(NodeHl7Files))]
    public void Valid_non_waveform_messages_get_the_right_code(string name)
    {
        var (ok, result, issues) = Decode(TestFiles.Bytes("node-hl7-complete", name));
        Assert.False(ok);
        Assert.NotNull(result.Header);
        string expected = result.Header!.MessageType == "ORU" ? Hl7Codes.WaveformMissing : Hl7Codes.MessageTypeUnsupported;
        Assert.Contains(issues, i => i.Code == expected);
        // Two files wrap long segments (one even MSH) with bare LFs; those are reported, but MSH-9 is still read.
        Assert.DoesNotContain(issues, i => i.Code is Hl7Codes.MshMissing or Hl7Codes.EncodingCharactersInvalid);
    }

    public static TheoryData<string> NhapiFiles() => new(TestFiles.Names("nhapi"));

    [Theory]
    [MemberData(nameof(NhapiFiles))]
    public void NHapi_corpus_never_crashes_and_each_message_gets_a_code_and_an_ACK(string name)
    {
        var (ok, result, issues) = Decode(TestFiles.Bytes("nhapi", name));
        Assert.False(ok);
        Assert.True(issues.HasErrors);
        byte[] ack = Hl7AckBuilder.Build(result.Header, issues);
        Assert.True(Hl7v2.Parsing.Hl7Message.TryParse(ack, new IssueList(), out _));
        Hl7AckCode code = Hl7AckBuilder.ChooseCode(result.Header, issues);
        Assert.NotEqual(Hl7AckCode.AA, code);
        Assert.NotEqual(Hl7AckCode.CA, code);
    }

    [Theory]
    [InlineData("nhapi/Parser__adt_a03.txt", Hl7Codes.MessageTypeUnsupported)]
    [InlineData("nhapi/Parser__uuencoded_unescaped.txt", Hl7Codes.MshMissing)]
    [InlineData("nhapi/BadInputs__LegacyPipeParser__EncodingNotSupportedException__aoor1", Hl7Codes.MessageEmpty)]
    [InlineData("nhapi/BadInputs__LegacyPipeParser__EncodingNotSupportedException__nullref1", Hl7Codes.EncodingCharactersInvalid)]
    [InlineData("nhapi/BadInputs__PipeParser__HL7Exception__so5", Hl7Codes.EncodingCharactersInvalid)]
    [InlineData("nhapi/BadInputs__LegacyPipeParser__HL7Exception__hang1", Hl7Codes.EncodingCharactersInvalid)]
    [InlineData("nhapi/BadInputs__PipeParser__EncodingNotSupportedException__id_000014_sig_02_src_000480_000349_op_splice_rep_32", Hl7Codes.MessageBinary)]
    public void Named_bad_inputs_get_their_specific_code(string file, string code)
    {
        var (_, _, issues) = Decode(TestFiles.Bytes(file.Split('/')));
        Assert.Contains(issues, i => i.Code == code && i.IsError);
    }

    [Fact]
    public void Unknown_version_is_rejected_with_203()
    {
        var (_, result, issues) = Decode(Encoding.ASCII.GetBytes("MSH|^~\\&|A|B|C|D|1||ORU^R01|1|P|2.8.10000000000\r"));
        Assert.Contains(issues, i => i.Code == Hl7Codes.VersionUnsupported && i.Location == "MSH-12");
        Assert.Equal(Hl7AckCode.AR, Hl7AckBuilder.ChooseCode(result.Header, issues));
    }

    [Fact]
    public void Non_ORU_message_is_rejected_with_200_and_wrong_event_with_201()
    {
        var (_, result, issues) = Decode(Encoding.ASCII.GetBytes("MSH|^~\\&|A|B|C|D|1||ADT^A01|1|P|2.5\r"));
        Hl7v2.Parsing.Hl7Message.TryParse(Hl7AckBuilder.Build(result.Header, issues), new IssueList(), out var ack);
        Assert.Equal("AR", ack![1].Text(1));
        Assert.Equal("200", ack[2].Text(3, 1));
        (_, result, issues) = Decode(Encoding.ASCII.GetBytes("MSH|^~\\&|A|B|C|D|1||ORU^R30|1|P|2.5\r"));
        Hl7v2.Parsing.Hl7Message.TryParse(Hl7AckBuilder.Build(result.Header, issues), new IssueList(), out ack);
        Assert.Equal("201", ack![2].Text(3, 1));
    }

    private static string Pcd(string obx5, string rateObx = "OBX|3|NM|0^MDC_ATTR_SAMP_RATE^MDC|1.1.1.1.1|500|264608^MDC_DIM_PER_SEC^MDC|||||F\r") =>
        "MSH|^~\\&|A|B|C|D|20240101||ORU^R01^ORU_R01|1|P|2.6\rOBR|1|||69121^MDC_OBS_WAVE_CTS^MDC\r"
        + "OBX|1|NA|131329^MDC_ECG_LEAD_I^MDC|1.1.1.1|" + obx5 + "|266418^MDC_DIM_MILLI_VOLT^MDC|||||F\r" + rateObx
        + "OBX|4|NA|131330^MDC_ECG_LEAD_II^MDC|1.1.1.2|1^2^3|266418^MDC_DIM_MILLI_VOLT^MDC|||||F\r"
        + "OBX|5|NM|0^MDC_ATTR_SAMP_RATE^MDC|1.1.1.2.1|500|264608^MDC_DIM_PER_SEC^MDC|||||F\r";

    [Fact]
    public void Non_numeric_samples_are_located_at_the_OBX_and_lead()
    {
        var (_, _, issues) = Decode(Encoding.ASCII.GetBytes(Pcd("1^x^3")));
        Issue issue = Assert.Single(issues, i => i.IsError);
        Assert.Equal(Hl7Codes.SampleInvalid, issue.Code);
        Assert.Equal("OBX[1]-5 lead I", issue.Location);
    }

    [Fact]
    public void Leads_of_different_lengths_are_refused()
    {
        var (_, _, issues) = Decode(Encoding.ASCII.GetBytes(Pcd("1^2^3^4")));
        Assert.Contains(issues, i => i.Code == EcgCodes.LeadLengthMismatch);
    }

    [Fact]
    public void A_lead_without_sample_rate_OBX_is_refused()
    {
        var (_, _, issues) = Decode(Encoding.ASCII.GetBytes(Pcd("1^2^3", rateObx: "")));
        Assert.Contains(issues, i => i.Code == Hl7Codes.SampleRateMissing && i.Location == "OBX[1] lead I");
    }

    [Fact]
    public void ELEC_POTL_code_labelled_with_a_LEAD_name_is_a_warning()
    {
        var (ok, _, issues) = Decode(Encoding.ASCII.GetBytes(Pcd("1^2^3")));
        Assert.True(ok, issues.CodesText());
        Assert.Contains(issues, i => i.Code == EcgCodes.LeadLabelMismatch && !i.IsError);
    }

    [Fact]
    public void Unknown_explicit_profile_is_refused()
    {
        var (_, _, issues) = Decode(Encoding.ASCII.GetBytes(Pcd("1^2^3")), profile: "no-such-profile");
        Assert.Contains(issues, i => i.Code == Hl7Codes.ProfileUnknown);
    }

    [Fact]
    public void Multiplexed_time_points_with_a_missing_channel_are_refused()
    {
        var recording = new EcgRecording([new LeadSignal(Lead.I, [1, 2]), new LeadSignal(Lead.II, [3, 4])], 500);
        string text = Encoding.UTF8.GetString(WaveformMessageWriter.Write(recording, WriteOptions)).Replace("1^3~2^4", "1^3~2", StringComparison.Ordinal);
        var (_, _, issues) = Decode(Encoding.UTF8.GetBytes(text));
        Assert.Contains(issues, i => i.Code == Hl7Codes.ChannelCountMismatch);
    }

    [Fact]
    public void Garbage_of_every_shape_never_throws()
    {
        var random = new Random(1234);
        byte[] seed = Pcd01MessageWriter.Write(new EcgRecording([new LeadSignal(Lead.I, [1, 2, 3])], 500), WriteOptions);
        for (int round = 0; round < 3000; round++)
        {
            byte[] mutated = (byte[])seed.Clone();
            int edits = random.Next(1, 8);
            for (int e = 0; e < edits; e++)
            {
                mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
            }

            byte[] truncated = mutated[..random.Next(mutated.Length)];
            foreach (byte[] input in new[] { mutated, truncated })
            {
                var issues = new IssueList();
                Hl7EcgDecoder.TryDecode(input, TestFiles.Profiles, null, issues, out Hl7DecodeResult result);
                Hl7AckBuilder.Build(result.Header, issues);
            }
        }
    }
}

using System.Globalization;
using System.Text;
using EcgBridge.Cli.Commands;
using EcgBridge.Core;
using EcgBridge.Fhir;
using EcgBridge.Fhir.Outputs;
using EcgBridge.Fhir.Serialization;
using EcgBridge.Simulator;
using Hl7.Fhir.Model;

namespace EcgBridge.Cli.Bench;

/// <summary>
/// The bench's traffic, generated before the timed window so the bench measures the serve and not itself: a few
/// simulated ECGs are encoded once (HL7 v2 or FHIR, alone or <see cref="BundleSize"/> per Bundle) with fixed-width
/// placeholder control ids, and each send only writes its own ids into the placeholders of a copy the sender
/// keeps (same length, so nothing is encoded or allocated again). Every message gets distinct ids per run and index, so nothing is a
/// duplicate, not even across runs against the same store.
/// </summary>
internal sealed class BenchTraffic
{
    /// <summary>Distinct waveforms encoded up front.</summary>
    public const int WaveformPool = 8;

    /// <summary>Length of every id written into a template: <c>R</c> + 12 hex digits of the run + 7 digits of the ECG.</summary>
    private const int IdLength = 20;

    private readonly Template[] _templates;
    private readonly string _run;

    private BenchTraffic(Template[] templates, int bundleSize, ulong run)
    {
        _templates = templates;
        BundleSize = bundleSize;
        _run = (run & 0xFFFF_FFFF_FFFF).ToString("X12", CultureInfo.InvariantCulture);
    }

    /// <summary>ECGs per message (1, or the Bundle size).</summary>
    public int BundleSize { get; }

    /// <summary>Bytes of one message (all templates have about the same size).</summary>
    public int MessageBytes => _templates[0].Bytes.Length;

    /// <summary>Encodes the pool: ECG messages in <paramref name="format"/>, or Bundles of <paramref name="bundleSize"/> FHIR Observations.</summary>
    public static BenchTraffic Create(SimulateFormat format, int bundleSize, ulong run)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bundleSize, 1);
        var ecgs = new List<SimulatedEcg>(WaveformPool);
        foreach (SimulationSpec spec in SimulatedFeed.Plan(1, WaveformPool, 0.5))
        {
            ecgs.Add(EcgSimulator.Generate(spec));
        }

        var templates = new Template[WaveformPool];
        for (int t = 0; t < templates.Length; t++)
        {
            templates[t] = bundleSize == 1 && format != SimulateFormat.Fhir
                ? Template.Of(SimulateEncoder.Encode(Prepare(ecgs[t], t, 0), format), 1)
                : Template.Of(EncodeFhir(ecgs, t, bundleSize), bundleSize);
        }

        return new BenchTraffic(templates, bundleSize, run);
    }

    /// <summary>A sender's own copies of the templates (a sender sends one message at a time, so it can reuse them).</summary>
    public byte[][] NewScratch() => new byte[_templates.Length][];

    /// <summary>
    /// Message <paramref name="index"/>: the sender's copy of its template with the ids of its ECGs written in. Valid until
    /// the same sender asks for the next message of the same template; nothing is allocated after the first round.
    /// </summary>
    public byte[] Message(long index, byte[][] scratch)
    {
        ArgumentNullException.ThrowIfNull(scratch);
        int slot = (int)(index % _templates.Length);
        Template template = _templates[slot];
        byte[] message = scratch[slot] ??= (byte[])template.Bytes.Clone();
        Span<byte> id = stackalloc byte[IdLength];
        for (int entry = 0; entry < template.Offsets.Length; entry++)
        {
            WriteId(id, index * BundleSize + entry);
            foreach (int offset in template.Offsets[entry])
            {
                id.CopyTo(message.AsSpan(offset));
            }
        }

        return message;
    }

    private void WriteId(Span<byte> destination, long ecg)
    {
        destination[0] = (byte)'R';
        Encoding.ASCII.GetBytes(_run, destination[1..13]);
        ecg.TryFormat(destination[13..], out _, "D7", CultureInfo.InvariantCulture);
    }

    /// <summary>The placeholder of entry <paramref name="entry"/>: letters only, so it survives HL7 and JSON unescaped.</summary>
    private static string Placeholder(int entry) =>
        "QQBENCHID" + ((char)('A' + (entry / 26 % 26))).ToString() + ((char)('A' + (entry % 26))).ToString() + "QQQQQQQQQ";

    private static EcgRecording Prepare(SimulatedEcg ecg, int pool, int entry)
    {
        EcgRecording recording = SimulateEncoder.Prepare(ecg, 1, pool);
        string placeholder = Placeholder(entry);
        return new EcgRecording(recording.Leads, recording.SampleRateHz)
        {
            AcquisitionTime = recording.AcquisitionTime,
            Source = recording.Source with { MessageControlId = placeholder, OrderId = placeholder },
        };
    }

    private static byte[] EncodeFhir(List<SimulatedEcg> ecgs, int pool, int bundleSize)
    {
        if (bundleSize == 1)
        {
            return SimulateEncoder.Encode(Prepare(ecgs[pool], pool, 0), SimulateFormat.Fhir);
        }

        var bundle = new Bundle { Type = Bundle.BundleType.Batch };
        for (int entry = 0; entry < bundleSize; entry++)
        {
            Observation observation = EcgObservationBuilder.Build(Prepare(ecgs[(pool + entry) % ecgs.Count], pool, entry));
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = "urn:uuid:" + Guid.NewGuid().ToString("D"),
                Resource = observation,
                Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = "Observation" },
            });
        }

        return FhirSerializer.ToBytes(bundle, FhirFormat.Json);
    }

    private sealed record Template(byte[] Bytes, int[][] Offsets)
    {
        public static Template Of(byte[] bytes, int entries)
        {
            var offsets = new int[entries][];
            for (int entry = 0; entry < entries; entry++)
            {
                byte[] placeholder = Encoding.ASCII.GetBytes(Placeholder(entry));
                var found = new List<int>();
                int from = 0;
                int at;
                while ((at = bytes.AsSpan(from).IndexOf(placeholder)) >= 0)
                {
                    found.Add(from + at);
                    from += at + placeholder.Length;
                }

                if (found.Count == 0)
                {
                    throw new InvalidOperationException("The encoded message does not carry its control id placeholder.");
                }

                offsets[entry] = [.. found];
            }

            return new Template(bytes, offsets);
        }
    }
}

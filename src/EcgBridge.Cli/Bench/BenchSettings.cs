using EcgBridge.Cli.Commands;

namespace EcgBridge.Cli.Bench;

/// <summary>The parsed options of <c>ecgbridge bench</c>.</summary>
internal sealed record BenchSettings
{
    public required Uri Target { get; init; }

    public required BenchMode Mode { get; init; }

    public required SimulateFormat Format { get; init; }

    public required BenchRate Rate { get; init; }

    /// <summary>Messages to send; null when the run is bounded by <see cref="Duration"/>.</summary>
    public long? Count { get; init; }

    public TimeSpan? Duration { get; init; }

    public required int Connections { get; init; }

    /// <summary>At <c>--rate max</c>, senders pause while this many accepted ECGs are not yet scored (0 = never).</summary>
    public int MaxPending { get; init; }

    public string? DataDirectory { get; init; }

    public string? Postgres { get; init; }

    public IReadOnlyList<int> Pids { get; init; } = [];

    public TimeSpan SampleInterval { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(20);

    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public string? Token { get; init; }

    /// <summary>Base of the FHIR API (…/fhir) used to check that results are readable; the target itself when it is HTTP.</summary>
    public Uri? FhirBase { get; init; }

    public ulong Seed { get; init; } = 1;

    public string? Label { get; init; }

    /// <summary>FHIR Observations per Bundle (1 = single Observations).</summary>
    public int BundleSize { get; init; } = 1;

    /// <summary>Seconds of bare batch-8 inference measured before the traffic (0 = none).</summary>
    public double BaselineSeconds { get; init; }

    /// <summary>Intra-op threads of the bare-inference baseline (0 = one per processor, the serve's default).</summary>
    public int BaselineThreads { get; init; }

    /// <summary>Whether the baseline lets ONNX Runtime workers spin (the serve's default: no).</summary>
    public bool BaselineSpinning { get; init; }

    /// <summary>The model folder of the baseline (default: the one beside the binary, as serve uses).</summary>
    public string? ModelDirectory { get; init; }

    public string? JsonPath { get; init; }

    public string? MarkdownPath { get; init; }

    /// <summary>Whether results can be followed in the serve's audit store.</summary>
    public bool FollowsResults => Mode == BenchMode.Ecg && (DataDirectory is not null || Postgres is not null);
}

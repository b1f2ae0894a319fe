namespace EcgBridge.Cli.Bench;

/// <summary>The figures of one bench run (written as JSON and as a Markdown section).</summary>
internal sealed record BenchResult
{
    public string? Label { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required MachineInfo Machine { get; init; }

    public required string Mode { get; init; }

    public required string Format { get; init; }

    public required string Transport { get; init; }

    public required string Rate { get; init; }

    public required int Connections { get; init; }

    public long? Count { get; init; }

    public double? DurationSeconds { get; init; }

    public int MaxPending { get; init; }

    /// <summary>Seconds from the first send to the last answer.</summary>
    public required double SendSeconds { get; init; }

    public required long Sent { get; init; }

    /// <summary>Answered AA / CA / HTTP 2xx.</summary>
    public required long Accepted { get; init; }

    /// <summary>Answered AE / AR / HTTP 4xx (the answer is still a measured round trip).</summary>
    public required long Rejected { get; init; }

    /// <summary>Never answered after the sender's retries.</summary>
    public required long Failed { get; init; }

    /// <summary>Scored audit rows of this run matched to a sent message (null when results were not followed).</summary>
    public long? Scored { get; init; }

    public required double SentPerSecond { get; init; }

    public required double AnsweredPerSecond { get; init; }

    public required double AcceptedPerSecond { get; init; }

    /// <summary>Scored ECGs per second from the first send to the last result seen.</summary>
    public double? ScoredPerSecond { get; init; }

    /// <summary>Scored ECGs per second between the first and the last result (server clock): steady state, no ramp-up.</summary>
    public double? ScoredPerSecondSteady { get; init; }

    /// <summary>Send → answer (AA/AE/AR, HTTP status). Paced runs count from the time the message was due.</summary>
    public LatencySummary? AckLatency { get; init; }

    /// <summary>Send → Scored row (and RiskAssessment) first seen by the bench; resolution one poll interval.</summary>
    public LatencySummary? ResultLatency { get; init; }

    /// <summary>Send → the FinishedAt the serve wrote into the Scored row (set just before the record transaction).</summary>
    public LatencySummary? ResultLatencyServer { get; init; }

    public double? PollMilliseconds { get; init; }

    public StepTimes? Steps { get; init; }

    /// <summary>RiskAssessments fetched with GET /fhir/RiskAssessment/{id} after the run, and how many were found.</summary>
    public int? ResultsChecked { get; init; }

    public int? ResultsFound { get; init; }

    public ResourceSummary? Serve { get; init; }

    /// <summary>The bench process itself over the same window (traffic pre-generated, so this is sending and polling).</summary>
    public ResourceSummary? Bench { get; init; }

    /// <summary>FHIR Observations per Bundle (1 = one ECG per message).</summary>
    public int BundleSize { get; init; } = 1;

    /// <summary>Bytes of one message on the wire (before MLLP framing).</summary>
    public int? MessageBytes { get; init; }

    /// <summary>Bare inference of the same model in the same run, before the traffic.</summary>
    public InferenceBaseline? Baseline { get; init; }

    /// <summary>Serve CPU time per scored ECG over the window (ms).</summary>
    public double? ServeCpuMsPerScored => Serve is { } serve && Scored is > 0 ? serve.CpuMilliseconds / Scored.Value : null;

    /// <summary>Serve CPU per scored ECG ÷ bare batch-8 inference CPU per ECG.</summary>
    public double? CpuRatioToBaseline => ServeCpuMsPerScored is { } serve && Baseline is { } bare ? serve / bare.Batch8CpuMsPerEcg : null;

    /// <summary>
    /// Steady scored throughput with the bench's own CPU given back to the serve: raw × cores ÷ (cores − bench cores).
    /// </summary>
    public double? ScoredPerSecondCorrected => ScoredPerSecondSteady is { } raw && Bench is { } bench && Machine.Cores > bench.CpuPercent / 100
        ? raw * Machine.Cores / (Machine.Cores - (bench.CpuPercent / 100))
        : null;

    public double? LoadAtStart { get; init; }

    public double? LoadAtEnd { get; init; }

    public IReadOnlyList<string> Notes { get; init; } = [];
}

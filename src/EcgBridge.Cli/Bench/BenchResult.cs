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

    public double? LoadAtStart { get; init; }

    public double? LoadAtEnd { get; init; }

    public IReadOnlyList<string> Notes { get; init; } = [];
}

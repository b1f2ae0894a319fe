namespace EcgBridge.Audit;

/// <summary>How a store chains and checkpoints: chain count, key ring, witness, cadence, and whether the witness is required.</summary>
public sealed record AuditCheckpointSettings
{
    /// <summary>One chain, no signing key, no witness: no checkpoints.</summary>
    public static AuditCheckpointSettings None { get; } = new();

    public int ChainCount { get; init; } = 1;

    /// <summary>The key ring; null or without a signing key: no checkpoints are written.</summary>
    public AuditKeyRing? Keys { get; init; }

    /// <summary>Why <see cref="Keys"/> cannot sign, when it cannot (an <c>AuditCodes</c> key code).</summary>
    public string? KeyCode { get; init; }

    /// <summary>The witness; null: checkpoints go to the database only.</summary>
    public AuditWitness? Witness { get; init; }

    public int EveryRows { get; init; } = 1000;

    public TimeSpan Every { get; init; } = TimeSpan.FromSeconds(60);

    public bool RequireWitness { get; init; }

    /// <summary>Settings from configuration (loads or, for the embedded store, creates the signing key).</summary>
    public static AuditCheckpointSettings From(AuditOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        AuditKeyRing keys = AuditSigningKeys.Load(options, out string? code);
        return new AuditCheckpointSettings
        {
            ChainCount = options.ChainCount,
            Keys = keys,
            KeyCode = code,
            Witness = new AuditWitness(options.EffectiveWitnessDirectory),
            EveryRows = options.CheckpointEveryRows,
            Every = TimeSpan.FromSeconds(options.CheckpointEverySeconds),
            RequireWitness = options.RequireWitness,
        };
    }
}

namespace EcgBridge.Core.Audit;

/// <summary>Stable codes for audit-chain findings (docs/error-codes.md). Codes are never reused.</summary>
public static class AuditCodes
{
    /// <summary>A row's stored hash differs from the hash of its fields: the row was changed after insert.</summary>
    public const string ChainHashMismatch = "AUDIT-CHAIN-HASH-MISMATCH";

    /// <summary>A row's previous hash is not the hash of the row before it: a row was removed or inserted.</summary>
    public const string ChainLinkBroken = "AUDIT-CHAIN-LINK-BROKEN";

    /// <summary>Sequence numbers are not consecutive: a row is missing.</summary>
    public const string ChainSequenceGap = "AUDIT-CHAIN-SEQUENCE-GAP";
}

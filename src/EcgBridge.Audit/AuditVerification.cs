namespace EcgBridge.Audit;

/// <summary>
/// Result of <see cref="AuditVerifier.VerifyAsync"/>: every finding (at most <see cref="AuditVerifier.MaxFindingsPerCode"/>
/// per chain and code; the rest are counted in <see cref="SuppressedFindings"/>), a summary per chain, and the state to
/// keep for the next incremental run.
/// </summary>
public sealed record AuditVerification(
    IReadOnlyList<AuditFinding> Findings,
    IReadOnlyList<AuditChainSummary> Chains,
    long SuppressedFindings,
    AuditVerifyState State)
{
    /// <summary>True when no finding is an error (warnings and info do not break a chain).</summary>
    public bool Intact
    {
        get
        {
            foreach (AuditFinding finding in Findings)
            {
                if (finding.Severity == AuditFindingSeverity.Error)
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>Rows checked in all chains.</summary>
    public long RowsChecked
    {
        get
        {
            long rows = 0;
            foreach (AuditChainSummary chain in Chains)
            {
                rows += chain.Rows - chain.VerifiedFrom;
            }

            return rows;
        }
    }
}

using System.Security.Cryptography;
using System.Text;
using EcgBridge.Audit.Data;

namespace EcgBridge.Audit.Tests;

public class AuditChainTests
{
    [Fact]
    public void Canonical_form_is_the_documented_one()
    {
        var row = new AuditRow
        {
            Seq = 1,
            ReceivedAt = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero).AddTicks(1234567),
            Channel = "mllp",
            SourceSystem = "CART^WARD3",
            DedupeKey = "k1",
            Probability = 0.25,
            Outcome = "scored",
            ErrorCodes = "É",
            PrevHash = AuditChain.Genesis,
        };

        string canonical = AuditChain.Canonicalize(row);

        Assert.Equal(
            "ecgbridge-audit-v1\nseq=1:1\nreceived_at=27:2026-11-23T12:00:00.123456Z\nfinished_at=~\nchannel=4:mllp\n"
            + "source_system=10:CART^WARD3\nmessage_id=~\ndedupe_key=2:k1\nraw_sha256=~\ntensor_sha256=~\nmodel_name=~\n"
            + "model_version=~\nmodel_sha256=~\npreprocessing_version=~\nprobability=4:0.25\nrisk=~\nrisk_assessment_id=~\n"
            + "outcome=6:scored\nerror_codes=2:É\ndecode_ms=~\nnormalize_ms=~\nscore_ms=~\nrecord_ms=~\npatient_id_hash=~\n"
            + $"prev_hash=64:{AuditChain.Genesis}\n",
            canonical);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))), AuditChain.ComputeHash(row));
    }

    [Fact]
    public void Null_and_empty_fields_hash_differently()
    {
        var withNull = new AuditRow { Seq = 1, Channel = "mllp", DedupeKey = "k", Outcome = "accepted", PrevHash = AuditChain.Genesis };
        var withEmpty = new AuditRow { Seq = 1, Channel = "mllp", DedupeKey = "k", Outcome = "accepted", PrevHash = AuditChain.Genesis, MessageId = "" };

        Assert.NotEqual(AuditChain.ComputeHash(withNull), AuditChain.ComputeHash(withEmpty));
    }
}

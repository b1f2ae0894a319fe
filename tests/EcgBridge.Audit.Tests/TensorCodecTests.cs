using EcgBridge.Core;

namespace EcgBridge.Audit.Tests;

public sealed class TensorCodecTests
{
    [Fact]
    public void Real_normalized_tensor_round_trips_bit_exactly_in_less_than_its_raw_size()
    {
        EcgTensor tensor = TestEcgs.Ludb();

        byte[] stored = TensorCodec.Encode(tensor);
        bool decoded = TensorCodec.TryDecode(stored, out EcgTensor? back);

        Assert.True(decoded);
        Assert.Equal(tensor.Sha256Hex(), back!.Sha256Hex());
        Assert.True(stored.Length < EcgTensor.Length * sizeof(float), $"stored {stored.Length} bytes");
    }

    [Fact]
    public void Truncated_stored_bytes_are_not_decoded()
    {
        byte[] stored = TensorCodec.Encode(TestEcgs.Ludb());

        Assert.False(TensorCodec.TryDecode(stored.AsSpan(0, stored.Length / 2), out EcgTensor? tensor));
        Assert.Null(tensor);
    }
}

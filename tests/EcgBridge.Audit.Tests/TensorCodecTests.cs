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
        Assert.True(stored.Length <= 200 * 1024, $"stored {stored.Length} bytes");
    }

    [Fact]
    public void Rows_stored_in_the_first_form_stay_readable()
    {
        EcgTensor tensor = TestEcgs.Ludb();

        byte[] v1 = TensorCodec.EncodeV1(tensor);

        Assert.True(TensorCodec.IsReadable(TensorCodec.EncodingV1));
        Assert.True(TensorCodec.TryDecode(TensorCodec.EncodingV1, v1, out EcgTensor? back));
        Assert.Equal(tensor.Sha256Hex(), back!.Sha256Hex());
        Assert.False(TensorCodec.TryDecode(TensorCodec.Encoding, v1, out _));
    }

    [Fact]
    public void A_stored_tensor_with_a_flipped_low_byte_decodes_to_a_different_hash()
    {
        EcgTensor tensor = TestEcgs.Ludb();
        byte[] stored = TensorCodec.Encode(tensor);
        stored[^1] ^= 0x01;

        Assert.True(TensorCodec.TryDecode(stored, out EcgTensor? back));
        Assert.NotEqual(tensor.Sha256Hex(), back!.Sha256Hex());
    }

    [Fact]
    public void Truncated_stored_bytes_are_not_decoded()
    {
        byte[] stored = TensorCodec.Encode(TestEcgs.Ludb());

        Assert.False(TensorCodec.TryDecode(stored.AsSpan(0, stored.Length / 2), out EcgTensor? tensor));
        Assert.Null(tensor);
    }
}

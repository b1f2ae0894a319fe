namespace EcgBridge.Hl7v2.Parsing;

/// <summary>Splits FHS/BHS batches (or plain concatenations) into their messages, each starting with MSH.</summary>
public static class Hl7Batch
{
    /// <summary>The messages in order; batch header and trailer segments are dropped.</summary>
    public static IReadOnlyList<ReadOnlyMemory<byte>> Split(ReadOnlyMemory<byte> bytes)
    {
        var messages = new List<ReadOnlyMemory<byte>>();
        ReadOnlySpan<byte> span = bytes.Span;
        int messageStart = -1;
        int position = 0;
        while (position < span.Length)
        {
            ReadOnlySpan<byte> rest = span[position..];
            int end = rest.IndexOfAny((byte)'\r', (byte)'\n');
            int length = end < 0 ? rest.Length : end;
            ReadOnlySpan<byte> line = rest[..length].TrimStart("\uFEFF"u8);
            bool boundary = line.StartsWith("MSH"u8) || line.StartsWith("BHS"u8) || line.StartsWith("FHS"u8)
                || line.StartsWith("BTS"u8) || line.StartsWith("FTS"u8);
            if (boundary && messageStart >= 0)
            {
                messages.Add(bytes[messageStart..position]);
                messageStart = -1;
            }

            if (line.StartsWith("MSH"u8))
            {
                messageStart = position + (rest.Length - rest.TrimStart("\uFEFF"u8).Length);
            }

            position += end < 0 ? rest.Length : end + 1;
        }

        if (messageStart >= 0)
        {
            messages.Add(bytes[messageStart..]);
        }

        return messages;
    }
}

namespace EcgBridge.Pipeline.Accept;

/// <summary>Answers one HL7 v2 message received over MLLP with the bytes of its ACK.</summary>
public interface IMllpMessageHandler
{
    /// <summary>Processes one message (the frame's content, without MLLP bytes) and returns the ACK to send.</summary>
    ValueTask<byte[]> HandleAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken);
}

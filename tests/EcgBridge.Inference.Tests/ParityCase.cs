using EcgBridge.Core;

namespace EcgBridge.Inference.Tests;

/// <summary>One PyTorch parity fixture: input tensor, logits and class-1 probability of the reference module.</summary>
public sealed record ParityCase(string Name, EcgTensor Tensor, float[] Logits, double Probability)
{
    public override string ToString() => Name;
}

namespace EcgBridge.Inference.Tests;

/// <summary>One session over the shipped model, shared by the tests that need the real network (loading costs ~1 s).</summary>
public sealed class ShippedModelFixture : IDisposable
{
    public ShippedModelFixture()
    {
        Manifest = ModelManifest.Load(ShippedModel.Directory);
        Session = new OnnxModelSession(Manifest, new InferenceOptions { IntraOpThreads = 2 });
    }

    public ModelManifest Manifest { get; }

    public OnnxModelSession Session { get; }

    /// <summary>Logits of one tensor scored alone (batch of 1).</summary>
    public float[] ScoreAlone(Core.EcgTensor tensor)
    {
        float[] logits = new float[2];
        Session.Run(tensor.Data, 1, logits);
        return logits;
    }

    public void Dispose() => Session.Dispose();
}

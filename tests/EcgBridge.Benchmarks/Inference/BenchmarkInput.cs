using EcgBridge.Core;

namespace EcgBridge.Benchmarks.Inference;

/// <summary>Deterministic model input for the inference benchmarks: uniform values in [-0.5, 0.5) mV, like bench.py.</summary>
internal static class BenchmarkInput
{
    public static float[] Create(int batch)
    {
        var random = new Random(1);
        float[] values = new float[batch * EcgTensor.Length];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)(random.NextDouble() - 0.5);
        }

        return values;
    }

    public static EcgTensor[] Tensors(int count)
    {
        float[] values = Create(count);
        var tensors = new EcgTensor[count];
        for (int i = 0; i < count; i++)
        {
            tensors[i] = new EcgTensor(values.AsSpan(i * EcgTensor.Length, EcgTensor.Length).ToArray());
        }

        return tensors;
    }
}

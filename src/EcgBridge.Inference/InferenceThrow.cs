using System.Diagnostics.CodeAnalysis;

namespace EcgBridge.Inference;

/// <summary>Throw helpers kept out of line; messages name files and shapes, never ECG data.</summary>
internal static class InferenceThrow
{
    [DoesNotReturn]
    public static void ModelLoad(string code, string message, Exception? inner = null) =>
        throw new ModelLoadException(code, $"{code}: {message}", inner);

    [DoesNotReturn]
    public static T ModelLoad<T>(string code, string message, Exception? inner = null) =>
        throw new ModelLoadException(code, $"{code}: {message}", inner);
}

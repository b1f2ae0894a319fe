using EcgBridge.Core.Scoring;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EcgBridge.Inference;

/// <summary>Registers the ONNX scorer (<see cref="OnnxEcgScorer"/> as <see cref="IEcgScorer"/>) from <c>EcgBridge:Inference</c>.</summary>
public static class EcgBridgeInferenceExtensions
{
    /// <summary>
    /// Adds <see cref="InferenceOptions"/> (validated at start), one <see cref="OnnxEcgScorer"/> singleton (model verified,
    /// session opened and warmed up when first resolved) and its <see cref="ModelManifest"/>.
    /// </summary>
    public static IHostApplicationBuilder AddEcgBridgeInference(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<InferenceOptions>()
            .BindConfiguration(InferenceOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(static sp => new OnnxEcgScorer(
            sp.GetRequiredService<IOptions<InferenceOptions>>().Value,
            sp.GetRequiredService<ILogger<OnnxEcgScorer>>()));
        builder.Services.AddSingleton<IEcgScorer>(static sp => sp.GetRequiredService<OnnxEcgScorer>());
        builder.Services.AddSingleton(static sp => sp.GetRequiredService<OnnxEcgScorer>().Manifest);
        builder.Services.AddOptions<ModelsOptions>()
            .BindConfiguration(ModelsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(static sp => ShadowModels.Load(
            sp.GetRequiredService<IOptions<ModelsOptions>>().Value,
            sp.GetRequiredService<ModelManifest>(),
            sp.GetRequiredService<IOptions<InferenceOptions>>().Value,
            sp.GetRequiredService<ILoggerFactory>()));
        builder.Services.AddSingleton<IShadowScorers>(static sp => sp.GetRequiredService<ShadowModels>());
        return builder;
    }
}

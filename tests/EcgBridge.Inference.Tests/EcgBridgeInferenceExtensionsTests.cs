using EcgBridge.Core.Scoring;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace EcgBridge.Inference.Tests;

[Collection(ShippedModelGroup.Name)]
public sealed class EcgBridgeInferenceExtensionsTests
{
    [Fact]
    public async Task Registers_one_scorer_for_the_configured_model()
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration["EcgBridge:Inference:ModelDirectory"] = ShippedModel.Directory;
        builder.Configuration["EcgBridge:Inference:WarmUp"] = "false";
        builder.AddEcgBridgeInference();
        using IHost host = builder.Build();

        IEcgScorer scorer = host.Services.GetRequiredService<IEcgScorer>();

        Assert.Same(host.Services.GetRequiredService<OnnxEcgScorer>(), scorer);
        Assert.Equal(host.Services.GetRequiredService<ModelManifest>().Identity, scorer.Model);
        await host.StopAsync();
    }

    [Fact]
    public async Task Refuses_to_start_with_a_batch_size_out_of_range()
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration["EcgBridge:Inference:ModelDirectory"] = ShippedModel.Directory;
        builder.Configuration["EcgBridge:Inference:MaxBatchSize"] = "0";
        builder.AddEcgBridgeInference();
        using IHost host = builder.Build();

        await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
    }
}

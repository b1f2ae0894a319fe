using EcgBridge.Core;
using EcgBridge.Core.Scoring;

namespace EcgBridge.Inference.Tests;

[Collection(ShippedModelGroup.Name)]
public sealed class OnnxEcgScorerTests(ShippedModelFixture model)
{
    // A long wait window: batches close because they are full, not because a timer fired, so the tests do not race.
    private static readonly InferenceOptions Batching = new()
    {
        ModelDirectory = ShippedModel.Directory,
        MaxBatchSize = 4,
        MaxWaitMilliseconds = 1000,
        IntraOpThreads = 2,
        WarmUp = false,
    };

    [Fact]
    public async Task Concurrent_callers_each_get_their_own_result_identical_to_scoring_alone()
    {
        const int callers = 12;
        EcgTensor[] tensors = new EcgTensor[callers];
        for (int i = 0; i < callers; i++)
        {
            tensors[i] = ShippedModel.Variant(i);
        }

        await using var scorer = new OnnxEcgScorer(Batching);
        Task<Prediction>[] pending = new Task<Prediction>[callers];
        for (int i = 0; i < callers; i++)
        {
            pending[i] = scorer.ScoreAsync(tensors[i], CancellationToken.None).AsTask();
        }

        Prediction[] predictions = await Task.WhenAll(pending);

        for (int i = 0; i < callers; i++)
        {
            float[] alone = model.ScoreAlone(tensors[i]);
            Assert.Equal(alone[0], predictions[i].Logits[0], 1e-5f);
            Assert.Equal(alone[1], predictions[i].Logits[1], 1e-5f);
            Assert.Equal(4, predictions[i].BatchSize);
        }

        Assert.Equal(callers, predictions.Select(p => p.Logits[1]).Distinct().Count());
    }

    [Fact]
    public async Task Prediction_is_the_softmax_of_class_1_classified_by_the_manifest_thresholds()
    {
        await using var scorer = new OnnxEcgScorer(Batching with { MaxBatchSize = 1 });

        foreach (ParityCase item in ShippedModel.ParityCases)
        {
            Prediction prediction = await scorer.ScoreAsync(item.Tensor, CancellationToken.None);

            Assert.Equal(item.Probability, prediction.Probability, 1e-5);
            Assert.Equal(scorer.Manifest.Thresholds.Classify(prediction.Probability), prediction.Risk);
            Assert.Equal(prediction.Probability >= scorer.Manifest.Thresholds.Positive, prediction.Positive);
            Assert.Equal(scorer.Manifest.Identity, prediction.Model);
            Assert.Equal(1, prediction.BatchSize);
        }
    }

    [Fact]
    public async Task A_cancelled_caller_is_cancelled_and_its_batch_mates_still_get_their_results()
    {
        await using var scorer = new OnnxEcgScorer(Batching);
        using var cancel = new CancellationTokenSource();

        Task<Prediction> cancelled = scorer.ScoreAsync(ShippedModel.Variant(0), cancel.Token).AsTask();
        Task<Prediction> first = scorer.ScoreAsync(ShippedModel.Variant(1), CancellationToken.None).AsTask();
        await cancel.CancelAsync();
        Task<Prediction> second = scorer.ScoreAsync(ShippedModel.Variant(2), CancellationToken.None).AsTask();
        Task<Prediction> third = scorer.ScoreAsync(ShippedModel.Variant(3), CancellationToken.None).AsTask();
        Task<Prediction> fourth = scorer.ScoreAsync(ShippedModel.Variant(4), CancellationToken.None).AsTask();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Prediction[] results = await Task.WhenAll(first, second, third, fourth);
        for (int i = 0; i < results.Length; i++)
        {
            float[] alone = model.ScoreAlone(ShippedModel.Variant(i + 1));
            Assert.Equal(alone[1], results[i].Logits[1], 1e-5f);
        }
    }

    [Fact]
    public async Task An_already_cancelled_token_is_refused_without_scoring()
    {
        await using var scorer = new OnnxEcgScorer(Batching);

        Task<Prediction> result = scorer.ScoreAsync(ShippedModel.Variant(0), new CancellationToken(canceled: true)).AsTask();

        Assert.True(result.IsCanceled);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => result);
    }

    [Fact]
    public async Task The_same_ECG_gives_the_same_answer_every_time()
    {
        await using var scorer = new OnnxEcgScorer(Batching with { MaxBatchSize = 1, WarmUp = true });
        EcgTensor tensor = ShippedModel.ParityCases[0].Tensor;

        Prediction first = await scorer.ScoreAsync(tensor, CancellationToken.None);
        Prediction second = await scorer.ScoreAsync(tensor, CancellationToken.None);

        Assert.Equal(first.Logits, second.Logits);
        Assert.Equal(first.Probability, second.Probability);
        Assert.Equal(first.Risk, second.Risk);
    }

    [Fact]
    public async Task A_disposed_scorer_refuses_new_ECGs()
    {
        var scorer = new OnnxEcgScorer(Batching with { MaxBatchSize = 1 });
        await scorer.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await scorer.ScoreAsync(ShippedModel.Variant(0), CancellationToken.None));
    }
}

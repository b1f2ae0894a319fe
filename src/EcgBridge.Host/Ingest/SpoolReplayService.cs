namespace EcgBridge.Host.Ingest;

/// <summary>At start-up (after the bus), re-sends the spooled commands a previous run accepted but did not finish.</summary>
internal sealed class SpoolReplayService(PayloadSpool spool, IScoreEcgSender sender, ILogger<SpoolReplayService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!spool.Enabled)
        {
            return;
        }

        IReadOnlyList<ScoreEcg> commands = await spool.ReadAllAsync(cancellationToken).ConfigureAwait(false);
        foreach (ScoreEcg command in commands)
        {
            await sender.SendAsync(command, cancellationToken).ConfigureAwait(false);
        }

        if (commands.Count > 0)
        {
            HostLog.SpoolReplayed(logger, commands.Count);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

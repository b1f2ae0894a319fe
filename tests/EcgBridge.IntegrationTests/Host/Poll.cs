namespace EcgBridge.IntegrationTests.Host;

/// <summary>Waits for a condition by polling with a deadline (no fixed sleeps for synchronisation).</summary>
internal static class Poll
{
    public static async Task<T> UntilAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what)
        where T : class
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            T? value = await probe();
            if (value is not null)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Timed out waiting for " + what);
            }

            await Task.Delay(50);
        }
    }

    public static async Task UntilAsync(Func<Task<bool>> probe, TimeSpan timeout, string what) =>
        await UntilAsync<object>(async () => await probe() ? new object() : null, timeout, what);
}

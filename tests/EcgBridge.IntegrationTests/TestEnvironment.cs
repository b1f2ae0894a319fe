namespace EcgBridge.IntegrationTests;

/// <summary>
/// Addresses of the real services the README's test command starts (scripts/test.sh). Integration tests fail, not
/// skip, without them: a green run must mean the services were exercised.
/// </summary>
internal static class TestEnvironment
{
    public static string Postgres => Require("EcgBridge__Test__Postgres");

    public static string RabbitMq => Require("EcgBridge__Test__RabbitMq");

    private static string Require(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: run the tests through scripts/test.sh, which starts PostgreSQL and RabbitMQ.");
}

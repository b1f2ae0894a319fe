namespace EcgBridge.IntegrationTests.Reliability;

/// <summary>
/// Tests that stop PostgreSQL and restart RabbitMQ: they run alone, after every parallel test, so no other test sees
/// the outage.
/// </summary>
[CollectionDefinition(nameof(ServiceFaultGroup), DisableParallelization = true)]
public sealed class ServiceFaultGroup;

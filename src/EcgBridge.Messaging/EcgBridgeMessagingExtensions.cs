using EcgBridge.Core.Pipeline;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EcgBridge.Messaging;

/// <summary>Registers the bus: RabbitMQ when <c>EcgBridge:Bus:RabbitMq</c> is set, else the in-memory transport.</summary>
public static class EcgBridgeMessagingExtensions
{
    /// <summary>
    /// Adds MassTransit with the <see cref="ScoreEcgConsumer"/> and <see cref="IScoreEcgSender"/>. The host must register
    /// an <see cref="IScoreEcgHandler"/>. <paramref name="configure"/> lets the host add consumers (for example AMQP raw ingestion).
    /// </summary>
    public static IHostApplicationBuilder AddEcgBridgeMessaging(this IHostApplicationBuilder builder, Action<IBusRegistrationConfigurator>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<BusOptions>()
            .BindConfiguration(BusOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        var options = new BusOptions();
        Microsoft.Extensions.Configuration.ConfigurationBinder.Bind(builder.Configuration.GetSection(BusOptions.SectionName), options);

        builder.Services.AddSingleton<IScoreEcgSender, BusScoreEcgSender>();
        builder.Services.AddSingleton<IEcgEventPublisher, BusEventPublisher>();
        builder.Services.AddOptions<MassTransitHostOptions>().Configure(o =>
        {
            // Listeners open only after the bus and its topology are up, so the first AA already has a bound queue.
            o.WaitUntilStarted = true;
            o.StartTimeout = TimeSpan.FromSeconds(60);
            o.StopTimeout = TimeSpan.FromSeconds(30);
        });

        builder.Services.AddMassTransit(x =>
        {
            // MassTransit reports usage to an outside host by default: a hospital service makes no outbound connection
            // other than its EHR, broker and database.
            x.DisableUsageTelemetry();
            x.SetKebabCaseEndpointNameFormatter();
            x.AddConsumer<ScoreEcgConsumer, ScoreEcgConsumerDefinition>();
            configure?.Invoke(x);
            if (options.UsesRabbitMq)
            {
                x.UsingRabbitMq((context, cfg) =>
                {
                    cfg.Host(new Uri(options.RabbitMq!), h => h.PublisherConfirmation = true);
                    if (options.EntityPrefix.Length > 0)
                    {
                        cfg.MessageTopology.SetEntityNameFormatter(new PrefixEntityNameFormatter(cfg.MessageTopology.EntityNameFormatter, options.EntityPrefix));
                    }

                    cfg.ConfigureEndpoints(context);
                });
            }
            else
            {
                x.UsingInMemory((context, cfg) =>
                {
                    cfg.UseDelayedMessageScheduler();
                    cfg.ConfigureEndpoints(context);
                });
            }
        });
        return builder;
    }
}

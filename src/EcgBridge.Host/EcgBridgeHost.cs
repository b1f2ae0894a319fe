using EcgBridge.Audit;
using EcgBridge.Core.Scoring;
using EcgBridge.Hl7v2.Files;
using EcgBridge.Host.Amqp;
using EcgBridge.Host.Compliance;
using EcgBridge.Host.Delivery;
using EcgBridge.Host.Delivery.Hl7;
using EcgBridge.Host.Delivery.Sinks;
using EcgBridge.Host.Folders;
using EcgBridge.Host.Health;
using EcgBridge.Host.Http;
using EcgBridge.Host.Ingest;
using EcgBridge.Host.Mllp;
using EcgBridge.Host.Security;
using EcgBridge.Host.Telemetry;
using EcgBridge.Inference;
using EcgBridge.Messaging;
using EcgBridge.Pipeline.Deliver;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace EcgBridge.Host;

/// <summary>
/// Composition root of <c>ecgbridge serve</c>: MLLP listener, FHIR REST, health endpoints, scoring consumer, outbox
/// dispatcher. Embedded defaults (SQLite + spool under the data dir, in-memory bus) when nothing is configured;
/// PostgreSQL and RabbitMQ from <c>EcgBridge:Audit:ConnectionString</c> and <c>EcgBridge:Bus:RabbitMq</c>.
/// </summary>
public static class EcgBridgeHost
{
    /// <summary>
    /// Creates the builder. <paramref name="dataDirectory"/> overrides <c>EcgBridge:DataDir</c>; <paramref name="configure"/>
    /// adds configuration last (tests use it for ports and connection strings).
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(string[] args, string? dataDirectory = null, Action<IConfigurationBuilder>? configure = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        configure?.Invoke(builder.Configuration);
        var defaults = new Dictionary<string, string?>();
        string dataDir = Path.GetFullPath(dataDirectory ?? builder.Configuration["EcgBridge:DataDir"] ?? ".ecgbridge", Environment.CurrentDirectory);
        PrivateFiles.RestrictProcessUmask();
        PrivateFiles.CreateOwnerOnlyDirectory(dataDir);
        defaults["EcgBridge:DataDir"] = dataDir;
        defaults["EcgBridge:Audit:DataDirectory"] = dataDir;
        if (!string.IsNullOrWhiteSpace(builder.Configuration["EcgBridge:Audit:ConnectionString"]) && string.IsNullOrWhiteSpace(builder.Configuration["EcgBridge:Audit:Provider"]))
        {
            defaults["EcgBridge:Audit:Provider"] = nameof(AuditProvider.PostgreSql);
        }

        if (!string.IsNullOrWhiteSpace(builder.Configuration["EcgBridge:Models:Primary"]))
        {
            // The registry names the primary by folder; it wins over a model folder given directly.
            string registry = ModelDirectory.ResolveRegistry(builder.Configuration["EcgBridge:Models:Directory"] ?? "models");
            defaults["EcgBridge:Inference:ModelDirectory"] = Path.Combine(registry, builder.Configuration["EcgBridge:Models:Primary"]!);
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["EcgBridge:Inference:ModelDirectory"] = defaults["EcgBridge:Inference:ModelDirectory"] });
        }
        else if (string.IsNullOrWhiteSpace(builder.Configuration["EcgBridge:Inference:ModelDirectory"]))
        {
            defaults["EcgBridge:Inference:ModelDirectory"] = ResolveFolder(Path.Combine("models", "ecg-smart-net"));
        }

        // The shipped profiles beside the application (or the configured folder) must all load, or nothing starts.
        MappingCatalog mappings = MappingProfileFiles.LoadStrict(MappingProfileFiles.FindDirectory(builder.Configuration["EcgBridge:MappingsDirectory"]));
        if (mappings.Refused)
        {
            throw new MappingRefusedException(mappings);
        }

        builder.Services.AddSingleton(mappings);

        if (string.IsNullOrWhiteSpace(builder.Configuration["Logging:LogLevel:Microsoft.AspNetCore"]))
        {
            // ASP.NET Core's request logs carry query strings (subject identifiers in searches): keep them out.
            defaults["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning";
        }

        builder.Configuration.AddInMemoryCollection(defaults);

        builder.Services.AddOptions<EcgBridgeHostOptions>().BindConfiguration(EcgBridgeHostOptions.SectionName);
        builder.Services.AddOptions<MllpOptions>().BindConfiguration(MllpOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<EhrOptions>().BindConfiguration(EhrOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        var hostOptions = new EcgBridgeHostOptions();
        builder.Configuration.GetSection(EcgBridgeHostOptions.SectionName).Bind(hostOptions);
        builder.WebHost.UseUrls(hostOptions.HttpUrl);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = hostOptions.MaxBodyBytes + 1);

        builder.AddEcgBridgeAudit();
        builder.AddEcgBridgeInference();
        AddStandInScorer(builder);
        builder.AddEcgBridgeMessaging();
        builder.AddEcgBridgeTelemetry();
        builder.AddEcgBridgeAuth();

        var busOptions = new BusOptions();
        builder.Configuration.GetSection(BusOptions.SectionName).Bind(busOptions);
        builder.Services.AddSingleton(new PayloadSpool(busOptions.UsesRabbitMq ? null : Path.Combine(dataDir, "spool")));
        builder.Services.AddSingleton(sp =>
        {
            ModelManifest manifest = sp.GetRequiredService<ModelManifest>();
            return new EcgDecoding(manifest.Preprocessing, manifest.Thresholds, sp.GetRequiredService<MappingCatalog>())
            {
                FhirOptions = Fhir.Decoding.FhirDecoderOptions.Default with
                {
                    ValidateProfile = sp.GetRequiredService<IOptions<EcgBridgeHostOptions>>().Value.Fhir.ValidateIncoming,
                },
            };
        });
        Hl7Destinations hl7Destinations = Hl7Destinations.Read(builder.Configuration);
        builder.Services.AddSingleton(hl7Destinations);
        builder.Services.AddSingleton(sp => new ResultRouting
        {
            DeliverToEhr = sp.GetRequiredService<IOptions<EhrOptions>>().Value.Configured,
            Hl7Destinations = [.. hl7Destinations.Options.Select(d => new Hl7ResultRoute(d.Key, d.Value.ReceivingApplication, d.Value.ReceivingFacility, d.Value.SendingFacility))],
        });
        builder.Services.AddSingleton<Hl7Intake>();
        builder.Services.AddSingleton<FhirIntake>();
        builder.Services.AddSingleton<FileIntake>();
        builder.Services.AddSingleton<IngestService>();
        builder.Services.AddOptions<Pipeline.Feedback.FeedbackOptions>().BindConfiguration(Pipeline.Feedback.FeedbackOptions.SectionName);
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<Pipeline.Feedback.FeedbackOptions>>().Value);
        builder.Services.AddSingleton<Pipeline.Feedback.OutcomeFeedbackService>();
        builder.Services.AddSingleton<IMllpMessageHandler>(sp => sp.GetRequiredService<IngestService>());
        builder.Services.AddSingleton<IScoreEcgHandler, ScoreEcgHandler>();
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddHttpClient(EhrClient.HttpClientName);
        builder.Services.AddSingleton<SmartBackendTokens>();
        builder.Services.AddSingleton<EhrClient>();
        builder.Services.AddSingleton<IResultSink, EhrResultSink>();
        builder.Services.AddSingleton<IResultSink, BusResultSink>();
        builder.Services.AddSingleton<IResultSink, Hl7ResultSink>();
        builder.Services.AddSingleton<IResultSink, FolderResultSink>();
        builder.Services.AddSingleton(sp =>
        {
            EhrOptions ehr = sp.GetRequiredService<IOptions<EhrOptions>>().Value;
            return new DeliveryBackoff(ehr.RedeliverySeconds, ehr.MaxRedeliverySeconds);
        });
        builder.Services.AddSingleton<DeliverStep>();

        // Start order matters: bus (registered above) → spool replay → dispatcher → listeners, so nothing is accepted
        // before the bus can confirm it.
        builder.Services.AddHostedService<SpoolReplayService>();
        builder.Services.AddHostedService<OutboxDispatcher>();
        FolderRegistry folders = FolderRegistry.Read(builder.Configuration);
        builder.Services.AddSingleton(folders);
        foreach ((string name, FolderOptions options) in folders.Folders)
        {
            builder.Services.AddSingleton<IHostedService>(sp =>
            {
                var watcher = new FolderWatcher(name, options, sp.GetRequiredService<IngestService>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger<FolderWatcher>());
                watcher.Prepare();
                return watcher;
            });
        }

        builder.Services.AddSingleton<MllpListener>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MllpListener>());
        if (busOptions.UsesRabbitMq)
        {
            builder.Services.AddOptions<AmqpIngestOptions>().BindConfiguration(AmqpIngestOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
            if (builder.Configuration.GetValue(AmqpIngestOptions.SectionName + ":Enabled", true))
            {
                builder.Services.AddSingleton<AmqpIngestService>();
                builder.Services.AddHostedService(sp => sp.GetRequiredService<AmqpIngestService>());
            }
        }

        builder.Services.AddEcgBridgeCompliance();
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"])
            .AddCheck<AuditTrustHealthCheck>("audit-trust", tags: ["ready"])
            .AddCheck<ModelHealthCheck>("model", tags: ["ready"])
            .AddCheck<DriftHealthCheck>("drift", tags: ["drift"]);
        builder.Services.AddOptions<DriftOptions>().BindConfiguration(DriftOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<DriftMonitor>();
        builder.Services.AddHostedService(static sp => sp.GetRequiredService<DriftMonitor>());
        return builder;
    }

    /// <summary>Builds the app and maps FHIR REST and the health endpoints.</summary>
    public static WebApplication Build(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        WebApplication app = builder.Build();

        // Shadow models are loaded and verified at start (with the primary they are checked against): a candidate that
        // cannot be trusted stops the service here, not at the first ECG.
        if (app.Services.GetRequiredService<IOptions<ModelsOptions>>().Value.Shadow.Count > 0)
        {
            app.Services.GetRequiredService<Core.Scoring.IShadowScorers>();
        }

        // Code systems are written into stored results: one canonical base per process, set before anything is built.
        Fhir.FhirSystems.UseCanonicalBase(app.Services.GetRequiredService<IOptions<EcgBridgeHostOptions>>().Value.EffectiveCanonicalBase);
        ILogger startLog = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(EcgBridgeHost));
        MappingCatalog mappings = app.Services.GetRequiredService<MappingCatalog>();
        HostLog.MappingsLoaded(startLog, mappings.Hl7Count, mappings.FhirCount, mappings.FileCount, mappings.Directory ?? "");
        app.UseEcgBridgeForwardedHeaders();
        app.Use(static (context, next) =>
        {
            // Answers carry patient data (results, audit rows, OperationOutcomes naming ids): no cache may keep them.
            context.Response.Headers.CacheControl = "no-store";
            return next(context);
        });
        app.UseEcgBridgeAuth();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            // MassTransit registers its bus check with the "ready" tag; database and model are ours.
            Predicate = check => check.Tags.Contains("ready"),
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).AllowAnonymous();
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            // Everything, for people and dashboards: drift shows here as Degraded (200), never in readiness.
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
            ResponseWriter = HealthJson.WriteAsync,
        }).AllowAnonymous();
        app.MapEcgBridgeFhir();
        app.MapEcgBridgeCompliance().RequireAuthorization(AuthPolicies.Auditor);
        return app;
    }

    /// <summary>The MLLP listener's bound address (after start).</summary>
    public static Task<System.Net.IPEndPoint> MllpEndPointAsync(IServiceProvider services) =>
        services.GetRequiredService<MllpListener>().BoundEndPoint;

    /// <summary>
    /// Reliability runs only: <c>EcgBridge:Inference:StandIn=fixed-cost:20ms</c> replaces the model by
    /// <see cref="StandInEcgScorer"/>, whose identity marks every result as not a model score. It never starts silently:
    /// it needs <c>EcgBridge:Environment</c> = <c>Development</c> or <c>Test</c> (or the host environment Development)
    /// beside it, and while it runs <c>/health/ready</c> reports Degraded.
    /// </summary>
    private static void AddStandInScorer(WebApplicationBuilder builder)
    {
        string? standIn = builder.Configuration[StandInEcgScorer.ConfigurationKey];
        if (string.IsNullOrWhiteSpace(standIn))
        {
            return;
        }

        string? environment = builder.Configuration[StandInEcgScorer.EnvironmentKey];
        bool allowed = builder.Environment.IsDevelopment()
            || string.Equals(environment, "Development", StringComparison.OrdinalIgnoreCase)
            || string.Equals(environment, "Test", StringComparison.OrdinalIgnoreCase);
        if (!allowed)
        {
            throw new StandInRefusedException(HostCodes.StandInRefused + " " + StandInEcgScorer.ConfigurationKey);
        }

        if (!StandInEcgScorer.TryParse(standIn, out StandInEcgScorer? scorer))
        {
            throw new StandInRefusedException(HostCodes.StandInRefused + " " + StandInEcgScorer.ConfigurationKey + " (fixed-cost:<n>ms or fixed-cost:<n>s)");
        }

        builder.Services.AddSingleton<IEcgScorer>(scorer);
        builder.Services.AddHealthChecks().AddCheck("stand-in", () => HealthCheckResult.Degraded(StandInEcgScorer.ModelName + " active: results are not model scores"), tags: ["ready"]);
    }

    /// <summary>A repository folder (models, mappings) under the current directory or the app base or any of their parents.</summary>
    private static string ResolveFolder(string relative)
    {
        foreach (string start in (string[])[Environment.CurrentDirectory, AppContext.BaseDirectory])
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, relative);
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return Path.GetFullPath(relative);
    }
}

using EcgBridge.TestSupport;
using YamlDotNet.RepresentationModel;
using static EcgBridge.Deploy.Tests.DeployFiles;

namespace EcgBridge.Deploy.Tests;

public sealed class DockerComposeTests
{
    private static YamlMappingNode Services => Map(Compose(), "services");

    private static YamlMappingNode Service(string name) => Map(Services, name);

    [Fact]
    public void Every_yaml_file_of_the_deployment_parses()
    {
        IReadOnlyList<string> files = AllYaml();

        Assert.Contains(files, f => f.EndsWith("docker-compose.yml", StringComparison.Ordinal));
        Assert.True(files.Count >= 8);
        Assert.All(files, f => Assert.NotEmpty(Documents(f)));
    }

    [Fact]
    public void Runs_postgres_15_rabbitmq_3_10_management_and_ecgbridge_built_from_the_dockerfile()
    {
        Assert.Equal("postgres:15", Text(Service("postgres"), "image"));
        Assert.Equal("rabbitmq:3.10-management", Text(Service("rabbitmq"), "image"));
        YamlMappingNode build = Map(Service("ecgbridge"), "build");
        Assert.Equal(".", Text(build, "context"));
        Assert.Equal("deploy/Dockerfile", Text(build, "dockerfile"));
        Assert.True(File.Exists(RepositoryPaths.Combine(Text(build, "dockerfile")!)));
    }

    [Theory]
    [InlineData("postgres", "pg_isready")]
    [InlineData("rabbitmq", "rabbitmq-diagnostics")]
    [InlineData("ecgbridge", "/health/ready")]
    public void Long_running_services_have_a_health_check(string service, string probe)
    {
        YamlMappingNode healthcheck = Map(Service(service), "healthcheck");
        string test = string.Join(' ', Sequence(healthcheck, "test").Select(n => ((YamlScalarNode)n).Value));

        Assert.Contains(probe, test, StringComparison.Ordinal);
        Assert.True(Has(healthcheck, "interval") && Has(healthcheck, "retries"));
    }

    [Fact]
    public void Ecgbridge_starts_after_healthy_dependencies_and_the_migration()
    {
        YamlMappingNode dependsOn = Map(Service("ecgbridge"), "depends_on");

        Assert.Equal("service_healthy", Text(Map(dependsOn, "postgres"), "condition"));
        Assert.Equal("service_healthy", Text(Map(dependsOn, "rabbitmq"), "condition"));
        Assert.Equal("service_completed_successfully", Text(Map(dependsOn, "db-grants"), "condition"));
        Assert.Equal("service_completed_successfully", Text(Map(Map(Service("db-grants"), "depends_on"), "migrate"), "condition"));
        string migrate = string.Join(' ', Sequence(Service("migrate"), "entrypoint").Select(n => ((YamlScalarNode)n).Value));
        Assert.Contains("ecgbridge audit migrate --postgres", migrate, StringComparison.Ordinal);
        Assert.Equal("false", Text(Map(Service("ecgbridge"), "environment"), "EcgBridge__Audit__MigrateOnStart"));
    }

    [Fact]
    public void Published_ports_bind_loopback_only_and_match_what_the_service_listens_on()
    {
        var published = Services.Children.Values.Cast<YamlMappingNode>()
            .Where(s => Has(s, "ports"))
            .SelectMany(s => Sequence(s, "ports").Select(p => ((YamlScalarNode)p).Value!))
            .ToList();

        Assert.All(published, p => Assert.StartsWith("127.0.0.1:", p, StringComparison.Ordinal));
        List<string> ecgbridge = [.. Sequence(Service("ecgbridge"), "ports").Select(p => ((YamlScalarNode)p).Value!)];
        YamlMappingNode environment = Map(Service("ecgbridge"), "environment");
        Assert.Contains($"127.0.0.1:2575:{Text(environment, "EcgBridge__Mllp__Port")}", ecgbridge);
        Assert.EndsWith(":8080", Text(environment, "EcgBridge__HttpUrl"), StringComparison.Ordinal);
        Assert.Contains("127.0.0.1:8080:8080", ecgbridge);
    }

    [Fact]
    public void Data_lives_in_named_volumes()
    {
        var declared = Map(Compose(), "volumes").Children.Keys.Select(k => ((YamlScalarNode)k).Value).ToHashSet();

        Assert.Contains("postgres-data:/var/lib/postgresql/data", Sequence(Service("postgres"), "volumes").Select(v => ((YamlScalarNode)v).Value));
        Assert.Contains("rabbitmq-data:/var/lib/rabbitmq", Sequence(Service("rabbitmq"), "volumes").Select(v => ((YamlScalarNode)v).Value));
        Assert.Superset(new HashSet<string?>(["postgres-data", "rabbitmq-data", "ecgbridge-data"]), declared);
    }

    [Fact]
    public void Secrets_come_from_env_files_that_are_not_committed()
    {
        string[] secretKeys = ["ConnectionString", "PatientIdHashKey", "RabbitMq", "PASSWORD", "PASS"];
        foreach ((YamlNode name, YamlNode node) in Services.Children)
        {
            var service = (YamlMappingNode)node;
            if (Has(service, "environment"))
            {
                Assert.DoesNotContain(Pairs(Map(service, "environment")), p => secretKeys.Any(s => p.Key.EndsWith(s, StringComparison.Ordinal)));
            }

            if (Has(service, "env_file"))
            {
                foreach (YamlScalarNode file in Sequence(service, "env_file").Cast<YamlScalarNode>())
                {
                    Assert.EndsWith(".env", file.Value, StringComparison.Ordinal);
                    Assert.True(File.Exists(RepositoryPaths.Combine(file.Value! + ".example")), $"{name}: {file.Value}.example is missing");
                }
            }
        }

        string[] ignore = File.ReadAllLines(RepositoryPaths.Combine("deploy", "env", ".gitignore"));
        Assert.Contains("*.env", ignore);
    }

    [Fact]
    public void Postgres_initialisation_creates_the_roles_the_audit_migration_expects()
    {
        string roles = File.ReadAllText(RepositoryPaths.Combine("deploy", "postgres", "roles.sql"));
        string migration = File.ReadAllText(Directory.EnumerateFiles(RepositoryPaths.Combine("src", "EcgBridge.Audit", "Migrations", "PostgreSql"), "*_InitialCreate.cs").Single());

        Assert.Contains("ecgbridge_app", migration, StringComparison.Ordinal);
        Assert.Contains("CREATE ROLE ecgbridge_app NOLOGIN", roles, StringComparison.Ordinal);
        Assert.Contains("IN ROLE ecgbridge_app", roles, StringComparison.Ordinal);
        Assert.Contains("./deploy/postgres/initdb:/docker-entrypoint-initdb.d:ro", Sequence(Service("postgres"), "volumes").Select(v => ((YamlScalarNode)v).Value));
        Assert.True(File.Exists(RepositoryPaths.Combine("deploy", "postgres", "initdb", "10-roles.sh")));
        Assert.Contains("Username=ecgbridge_svc", File.ReadAllText(RepositoryPaths.Combine("deploy", "env", "ecgbridge.env.example")), StringComparison.Ordinal);
    }
}

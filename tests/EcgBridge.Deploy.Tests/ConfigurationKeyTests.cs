using System.Reflection;
using System.Text.RegularExpressions;
using EcgBridge.TestSupport;
using YamlDotNet.RepresentationModel;
using static EcgBridge.Deploy.Tests.DeployFiles;

namespace EcgBridge.Deploy.Tests;

public sealed partial class ConfigurationKeyTests
{
    public static TheoryData<string, string, string> Keys()
    {
        var data = new TheoryData<string, string, string>();
        foreach ((string source, string key, string value) in AllKeys())
        {
            data.Add(source, key, value);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Every_configuration_key_names_a_bound_options_property_and_a_valid_value(string source, string key, string value)
    {
        PropertyInfo? property = OptionsCatalog.Find(key);

        Assert.True(property is not null, $"{source}: {key} is not a property of any options class");
        Assert.Null(OptionsCatalog.CheckValue(property, value));
    }

    [Fact]
    public void Keys_are_found_in_compose_kubernetes_env_templates_and_the_dockerfile()
    {
        var sources = AllKeys().Select(k => Path.GetFileName(k.Source)).ToHashSet(StringComparer.Ordinal);

        Assert.Superset(new HashSet<string>(["docker-compose.yml", "configmap.yaml", "secret.example.yaml", "ecgbridge.env.example", "Dockerfile"]), sources);
    }

    [Fact]
    public void A_misspelt_key_is_caught()
    {
        Assert.Null(OptionsCatalog.Find("EcgBridge__Audit__ConnectionStrng"));
        Assert.Null(OptionsCatalog.Find("EcgBridge__Nope__Port"));
        Assert.NotNull(OptionsCatalog.Find("EcgBridge__HttpUrl"));
        Assert.NotNull(OptionsCatalog.Find("EcgBridge__Bus__RabbitMq"));
    }

    [Fact]
    public void A_value_the_binder_would_refuse_is_caught()
    {
        PropertyInfo port = OptionsCatalog.Find("EcgBridge__Mllp__Port")!;
        PropertyInfo provider = OptionsCatalog.Find("EcgBridge__Audit__Provider")!;

        Assert.NotNull(OptionsCatalog.CheckValue(port, "70000"));
        Assert.NotNull(OptionsCatalog.CheckValue(port, "http"));
        Assert.NotNull(OptionsCatalog.CheckValue(provider, "Oracle"));
        Assert.Null(OptionsCatalog.CheckValue(provider, "PostgreSql"));
    }

    [Fact]
    public void The_intra_op_threads_match_the_cpu_request()
    {
        YamlMappingNode config = Map(Kind("ConfigMap", "ecgbridge"), "data");
        YamlMappingNode container = (YamlMappingNode)Sequence(Map(Map(Map(Kind("Deployment", "ecgbridge"), "spec"), "template"), "spec"), "containers")[0];
        string? cpu = Text(Map(Map(container, "resources"), "requests"), "cpu");

        Assert.Equal(cpu, Text(config, "EcgBridge__Inference__IntraOpThreads"));
    }

    private static IEnumerable<(string Source, string Key, string Value)> AllKeys()
    {
        foreach ((string key, string value) in Pairs(Map(Map(Map(Compose(), "services"), "ecgbridge"), "environment")))
        {
            yield return (ComposePath, key, value);
        }

        foreach (YamlMappingNode document in KubernetesDocuments())
        {
            foreach (string section in (string[])["data", "stringData"])
            {
                if (Has(document, section))
                {
                    foreach ((string key, string value) in Pairs(Map(document, section)))
                    {
                        if (key.StartsWith("EcgBridge__", StringComparison.Ordinal))
                        {
                            yield return (Path.Combine(KubernetesDirectory, Text(document, "kind") == "ConfigMap" ? "configmap.yaml" : "secret.example.yaml"), key, value);
                        }
                    }
                }
            }
        }

        foreach (string envFile in Directory.EnumerateFiles(RepositoryPaths.Combine("deploy", "env"), "*.env.example"))
        {
            foreach ((string key, string value) in EnvFile(envFile))
            {
                if (key.StartsWith("EcgBridge__", StringComparison.Ordinal))
                {
                    yield return (envFile, key, value);
                }
            }
        }

        foreach (Match match in DockerEnv().Matches(File.ReadAllText(Dockerfile)))
        {
            yield return (Dockerfile, match.Groups["key"].Value, match.Groups["value"].Value);
        }
    }

    [GeneratedRegex(@"(?<key>EcgBridge__[A-Za-z0-9_]+)=(?<value>[^\s\\]*)")]
    private static partial Regex DockerEnv();
}

using EcgBridge.TestSupport;
using YamlDotNet.RepresentationModel;

namespace EcgBridge.Deploy.Tests;

/// <summary>The deployment files of the repository, parsed with YamlDotNet.</summary>
internal static class DeployFiles
{
    public static string ComposePath => RepositoryPaths.Combine("docker-compose.yml");

    public static string Dockerfile => RepositoryPaths.Combine("deploy", "Dockerfile");

    public static string KubernetesDirectory => RepositoryPaths.Combine("deploy", "kubernetes");

    /// <summary>Every YAML file of the deployment: docker-compose.yml and deploy/**/*.yaml|yml.</summary>
    public static IReadOnlyList<string> AllYaml() =>
    [
        ComposePath,
        .. Directory.EnumerateFiles(RepositoryPaths.Combine("deploy"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal),
    ];

    /// <summary>All documents of a YAML file (a Kubernetes file may hold several, separated by ---).</summary>
    public static IReadOnlyList<YamlMappingNode> Documents(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        return [.. stream.Documents.Select(d => (YamlMappingNode)d.RootNode)];
    }

    public static YamlMappingNode Compose() => Documents(ComposePath).Single();

    public static IReadOnlyList<YamlMappingNode> KubernetesDocuments() =>
        [.. Directory.EnumerateFiles(KubernetesDirectory, "*.yaml").Order(StringComparer.Ordinal).SelectMany(Documents)];

    public static YamlMappingNode Kind(string kind, string name) =>
        KubernetesDocuments().Single(d => Text(d, "kind") == kind && Text(Map(d, "metadata"), "name") == name);

    public static YamlMappingNode Map(YamlMappingNode node, string key) => (YamlMappingNode)node.Children[new YamlScalarNode(key)];

    public static YamlSequenceNode Sequence(YamlMappingNode node, string key) => (YamlSequenceNode)node.Children[new YamlScalarNode(key)];

    public static string? Text(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? value) ? (value as YamlScalarNode)?.Value : null;

    public static bool Has(YamlMappingNode node, string key) => node.Children.ContainsKey(new YamlScalarNode(key));

    /// <summary>Key/value pairs of a mapping of scalars (environment, ConfigMap data).</summary>
    public static IEnumerable<KeyValuePair<string, string>> Pairs(YamlMappingNode node) =>
        node.Children.Select(c => new KeyValuePair<string, string>(((YamlScalarNode)c.Key).Value!, ((YamlScalarNode)c.Value).Value ?? ""));

    /// <summary><c>KEY=value</c> lines of an env file (comments and blanks skipped; commented-out keys included).</summary>
    public static IEnumerable<KeyValuePair<string, string>> EnvFile(string path)
    {
        foreach (string raw in File.ReadLines(path))
        {
            string line = raw.TrimStart('#', ' ');
            int equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && !line[..equals].Contains(' ', StringComparison.Ordinal))
            {
                yield return new(line[..equals], line[(equals + 1)..]);
            }
        }
    }
}

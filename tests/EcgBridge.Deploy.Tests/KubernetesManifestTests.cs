using YamlDotNet.RepresentationModel;
using static EcgBridge.Deploy.Tests.DeployFiles;

namespace EcgBridge.Deploy.Tests;

public sealed class KubernetesManifestTests
{
    private static YamlMappingNode PodSpec => Map(Map(Map(Kind("Deployment", "ecgbridge"), "spec"), "template"), "spec");

    private static YamlMappingNode Container => (YamlMappingNode)Sequence(PodSpec, "containers")[0];

    [Fact]
    public void Every_document_has_api_version_kind_and_name()
    {
        IReadOnlyList<YamlMappingNode> documents = KubernetesDocuments();

        Assert.NotEmpty(documents);
        Assert.All(documents, d =>
        {
            Assert.False(string.IsNullOrEmpty(Text(d, "apiVersion")));
            Assert.False(string.IsNullOrEmpty(Text(d, "kind")));
            Assert.False(string.IsNullOrEmpty(Text(Map(d, "metadata"), "name")));
        });
    }

    [Fact]
    public void Deployment_probes_readiness_and_liveness_on_the_health_endpoints()
    {
        Assert.Equal("/health/ready", Text(Map(Map(Container, "readinessProbe"), "httpGet"), "path"));
        Assert.Equal("/health/live", Text(Map(Map(Container, "livenessProbe"), "httpGet"), "path"));
        Assert.Equal("/health/live", Text(Map(Map(Container, "startupProbe"), "httpGet"), "path"));
    }

    [Fact]
    public void Deployment_requests_cpu_and_memory_and_runs_as_non_root()
    {
        YamlMappingNode requests = Map(Map(Container, "resources"), "requests");

        Assert.Equal("2", Text(requests, "cpu"));
        Assert.Equal("1Gi", Text(requests, "memory"));
        Assert.True(Has(Map(Map(Container, "resources"), "limits"), "memory"));
        Assert.Equal("true", Text(Map(PodSpec, "securityContext"), "runAsNonRoot"));
        Assert.NotEqual("0", Text(Map(PodSpec, "securityContext"), "runAsUser"));
        Assert.Equal("true", Text(Map(Container, "securityContext"), "readOnlyRootFilesystem"));
    }

    [Fact]
    public void Service_targets_the_container_ports_by_name()
    {
        var containerPorts = Sequence(Container, "ports").Cast<YamlMappingNode>().Select(p => Text(p, "name")).ToHashSet();
        YamlMappingNode service = Kind("Service", "ecgbridge");

        Assert.All(Sequence(Map(service, "spec"), "ports").Cast<YamlMappingNode>(), p => Assert.Contains(Text(p, "targetPort"), containerPorts));
        Assert.Equal("2575", Text((YamlMappingNode)Sequence(Container, "ports").Cast<YamlMappingNode>().Single(p => Text(p, "name") == "mllp"), "containerPort"));
    }

    [Fact]
    public void Config_and_secret_the_deployment_reads_are_defined()
    {
        var refs = Sequence(Container, "envFrom").Cast<YamlMappingNode>().ToList();

        string configMap = Text(Map(refs.Single(r => Has(r, "configMapRef")), "configMapRef"), "name")!;
        string secret = Text(Map(refs.Single(r => Has(r, "secretRef")), "secretRef"), "name")!;
        Assert.NotNull(Kind("ConfigMap", configMap));
        Assert.NotNull(Kind("Secret", secret));
    }

    [Fact]
    public void Keda_scales_the_deployment_on_the_score_queue_depth()
    {
        YamlMappingNode spec = Map(Kind("ScaledObject", "ecgbridge"), "spec");
        YamlMappingNode trigger = (YamlMappingNode)Sequence(spec, "triggers")[0];

        Assert.Equal("ecgbridge", Text(Map(spec, "scaleTargetRef"), "name"));
        Assert.Equal("rabbitmq", Text(trigger, "type"));
        Assert.Equal(Text(Map(Kind("ConfigMap", "ecgbridge"), "data"), "EcgBridge__Bus__ScoreQueue"), Text(Map(trigger, "metadata"), "queueName"));
        Assert.Equal(new EcgBridge.Messaging.BusOptions().ScoreQueue, Text(Map(trigger, "metadata"), "queueName"));
    }

    [Fact]
    public void Migration_job_runs_the_audit_migration_as_non_root()
    {
        YamlMappingNode podSpec = Map(Map(Map(Kind("Job", "ecgbridge-migrate"), "spec"), "template"), "spec");
        var container = (YamlMappingNode)Sequence(podSpec, "containers")[0];

        Assert.Contains("audit migrate --postgres", string.Join(' ', Sequence(container, "command").Select(n => ((YamlScalarNode)n).Value)), StringComparison.Ordinal);
        Assert.Equal("true", Text(Map(podSpec, "securityContext"), "runAsNonRoot"));
    }
}

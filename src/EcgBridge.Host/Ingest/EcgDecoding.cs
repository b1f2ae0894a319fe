using EcgBridge.Core.Issues;
using EcgBridge.Core.Mapping;
using EcgBridge.Core.Normalization;
using EcgBridge.Core.Scoring;
using EcgBridge.Inference;
using Microsoft.Extensions.Options;

namespace EcgBridge.Host.Ingest;

/// <summary>
/// What decoding needs from the deployment: the model's preprocessing and thresholds (its manifest) and the mapping
/// profiles (<c>EcgBridge:MappingsDirectory</c>, default the repository's mappings/).
/// </summary>
internal sealed class EcgDecoding
{
    public EcgDecoding(ModelManifest manifest, IOptions<EcgBridgeHostOptions> options)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(options);
        Preprocessing = manifest.Preprocessing;
        Thresholds = manifest.Thresholds;
        var sources = new List<KeyValuePair<string, string>>();
        string directory = options.Value.MappingsDirectory;
        if (Directory.Exists(directory))
        {
            foreach (string path in Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
            {
                if (!Path.GetFileName(path).Contains("schema", StringComparison.OrdinalIgnoreCase))
                {
                    sources.Add(new(Path.GetFileName(path), File.ReadAllText(path)));
                }
            }
        }

        Profiles = MappingProfileSet.FromJson(sources, new IssueList());
    }

    /// <summary>Preprocessing v1 parameters of the deployed model.</summary>
    public PreprocessingOptions Preprocessing { get; }

    /// <summary>The deployed model's thresholds.</summary>
    public RiskThresholds Thresholds { get; }

    /// <summary>The mapping profiles, in file-name order.</summary>
    public MappingProfileSet Profiles { get; }
}

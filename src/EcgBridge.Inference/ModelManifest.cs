using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using EcgBridge.Core;
using EcgBridge.Core.Normalization;
using EcgBridge.Core.Scoring;

namespace EcgBridge.Inference;

/// <summary>models/&lt;model&gt;/manifest.json (DESIGN.md "Model contract"): identity, tensors, preprocessing, thresholds.</summary>
public sealed record ModelManifest
{
    /// <summary>The manifest's file name inside a model folder.</summary>
    public const string FileName = "manifest.json";

    /// <summary>The model's file name inside a model folder.</summary>
    public const string ModelFileName = "model.onnx";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public string Name { get; init; } = "";

    public string Version { get; init; } = "";

    /// <summary>Lowercase hex sha256 of model.onnx.</summary>
    public string Sha256 { get; init; } = "";

    public string? Architecture { get; init; }

    public int Opset { get; init; }

    /// <summary>How the graph was exported (folded: Conv1d trunk with BatchNorm folded; reference: the module as written).</summary>
    public string? GraphForm { get; init; }

    public ModelTensorSpec Input { get; init; } = new();

    public ModelTensorSpec Output { get; init; } = new();

    public IReadOnlyList<string> LeadOrder { get; init; } = [];

    public int SampleRateHz { get; init; }

    public PreprocessingOptions Preprocessing { get; init; } = PreprocessingOptions.Default;

    public RiskThresholds Thresholds { get; init; } = new();

    public string IntendedUse { get; init; } = "";

    /// <summary>True when the weights are trained (false: seeded placeholder).</summary>
    public bool Trained { get; init; }

    public bool NotForClinicalUse { get; init; } = true;

    /// <summary>Shadow models produce preliminary RiskAssessments.</summary>
    public bool Shadow { get; init; }

    /// <summary>Training provenance as exported (free form).</summary>
    public JsonElement? Training { get; init; }

    /// <summary>The folder the manifest was loaded from.</summary>
    [JsonIgnore]
    public string Directory { get; init; } = "";

    /// <summary>Full path of model.onnx.</summary>
    [JsonIgnore]
    public string ModelPath => Path.Combine(Directory, ModelFileName);

    /// <summary>The identity recorded with every prediction.</summary>
    [JsonIgnore]
    public ModelIdentity Identity => new(Name, Version, Sha256, Preprocessing.Version)
    {
        NotForClinicalUse = NotForClinicalUse,
        Shadow = Shadow,
        IntendedUse = IntendedUse,
    };

    /// <summary>Loads and validates manifest.json of a model folder (the model file's hash is checked by the session).</summary>
    /// <exception cref="ModelLoadException">The folder or manifest cannot be used.</exception>
    public static ModelManifest Load(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        string full = Path.GetFullPath(directory);
        string path = Path.Combine(full, FileName);
        if (!File.Exists(path))
        {
            InferenceThrow.ModelLoad(InferenceCodes.ModelFileMissing, $"{FileName} not found in {full}.");
        }

        return Parse(File.ReadAllText(path), full);
    }

    /// <summary>Parses and validates manifest JSON; <paramref name="directory"/> is where model.onnx lives.</summary>
    /// <exception cref="ModelLoadException">The manifest is invalid or asks for what this build does not implement.</exception>
    public static ModelManifest Parse(string json, string directory)
    {
        ArgumentNullException.ThrowIfNull(json);
        ModelManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<ModelManifest>(json, JsonOptions);
        }
        catch (JsonException ex)
        {
            // The position is useful and the manifest holds no patient data.
            return InferenceThrow.ModelLoad<ModelManifest>(
                InferenceCodes.ManifestInvalid, $"{FileName} is not valid JSON (line {ex.LineNumber}).", ex);
        }

        if (manifest is null)
        {
            return InferenceThrow.ModelLoad<ModelManifest>(InferenceCodes.ManifestInvalid, $"{FileName} is empty.");
        }

        manifest = manifest with { Directory = directory, Sha256 = manifest.Sha256.ToLowerInvariant() };
        manifest.Validate();
        return manifest;
    }

    /// <summary>Lowercase hex sha256 of a byte buffer (model.onnx as read).</summary>
    public static string ComputeSha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private void Validate()
    {
        Require(Name.Length > 0, "name");
        Require(Version.Length > 0, "version");
        Require(Sha256.Length == 64 && IsHex(Sha256), "sha256");
        Require(Input.Name.Length > 0, "input.name");
        Require(Output.Name.Length > 0, "output.name");
        Require(Output.PositiveClassIndex is 0 or 1, "output.positiveClassIndex");
        Require(Thresholds.Low <= Thresholds.Moderate && Thresholds.Moderate <= Thresholds.High
            && Thresholds.Low >= 0 && Thresholds.High <= 1 && Thresholds.Positive is >= 0 and <= 1, "thresholds");

        if (!ShapeIs(Input.Shape, -1, 1, EcgTensor.LeadCount, EcgTensor.SampleCount) || Input.ElementType != "float32")
        {
            InferenceThrow.ModelLoad(
                InferenceCodes.InputShapeMismatch,
                $"manifest input is {Input.ElementType}[{FormatShape(Input.Shape)}], this build feeds float32[N,1,12,5000].");
        }

        if (!ShapeIs(Output.Shape, -1, 2) || Output.ElementType != "float32")
        {
            InferenceThrow.ModelLoad(
                InferenceCodes.OutputShapeMismatch,
                $"manifest output is {Output.ElementType}[{FormatShape(Output.Shape)}], this build reads float32[N,2].");
        }

        bool leadsMatch = LeadOrder.Count == EcgTensor.LeadCount;
        for (int i = 0; leadsMatch && i < LeadOrder.Count; i++)
        {
            leadsMatch = LeadOrder[i] == LeadCatalog.DisplayName((Lead)i);
        }

        if (!leadsMatch
            || Preprocessing.Version != PreprocessingOptions.CurrentVersion
            || Preprocessing.SampleRateHz != 500
            || SampleRateHz is not (0 or 500)
            || Preprocessing.WindowSamples != EcgTensor.SampleCount)
        {
            InferenceThrow.ModelLoad(
                InferenceCodes.PreprocessingUnsupported,
                $"manifest asks for preprocessing {Preprocessing.Version} at {Preprocessing.SampleRateHz} Hz, "
                + $"{Preprocessing.WindowSamples} samples and lead order [{string.Join(',', LeadOrder)}]; "
                + $"this build implements {PreprocessingOptions.CurrentVersion}, 500 Hz, 5000 samples, I..V6.");
        }
    }

    internal static string FormatShape(IReadOnlyList<long> shape)
    {
        var parts = new string[shape.Count];
        for (int i = 0; i < shape.Count; i++)
        {
            parts[i] = shape[i] < 0 ? "N" : shape[i].ToString(CultureInfo.InvariantCulture);
        }

        return string.Join(',', parts);
    }

    private static bool ShapeIs(IReadOnlyList<long> shape, params ReadOnlySpan<long> expected)
    {
        if (shape.Count != expected.Length)
        {
            return false;
        }

        for (int i = 0; i < expected.Length; i++)
        {
            // The batch axis is dynamic; a manifest may spell it -1 or 0.
            bool same = expected[i] < 0 ? shape[i] <= 0 : shape[i] == expected[i];
            if (!same)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsHex(string text)
    {
        foreach (char c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static void Require(bool condition, string field)
    {
        if (!condition)
        {
            InferenceThrow.ModelLoad(InferenceCodes.ManifestInvalid, $"{FileName}: field '{field}' is missing or invalid.");
        }
    }
}

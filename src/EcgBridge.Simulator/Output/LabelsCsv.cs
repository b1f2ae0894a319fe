using System.Globalization;
using System.Text;

namespace EcgBridge.Simulator.Output;

/// <summary>Writes labels.csv (file,label,territory,severity,finding): the ground truth beside simulated files.</summary>
public sealed class LabelsCsv : IDisposable
{
    /// <summary>The header line.</summary>
    public const string Header = "file,label,territory,severity,finding";

    private readonly StreamWriter _writer;

    /// <summary>Creates (or replaces) labels.csv in a directory.</summary>
    public LabelsCsv(string directory)
    {
        _writer = new StreamWriter(Path.Combine(directory, "labels.csv"), append: false, new UTF8Encoding(false)) { NewLine = "\n" };
        _writer.WriteLine(Header);
    }

    /// <summary>The lowercase name of a territory as written in labels.csv.</summary>
    public static string TerritoryName(CoronaryTerritory territory) => territory switch
    {
        CoronaryTerritory.Anterior => "anterior",
        CoronaryTerritory.Inferior => "inferior",
        CoronaryTerritory.Lateral => "lateral",
        _ => "none",
    };

    /// <summary>The snake-case name of a finding as written in labels.csv.</summary>
    public static string FindingName(SimulatedFinding finding) => finding switch
    {
        SimulatedFinding.OcclusionMi => "omi",
        SimulatedFinding.EarlyRepolarisation => "early_repolarisation",
        SimulatedFinding.LvhStrain => "lvh_strain",
        SimulatedFinding.LeftBundleBranchBlock => "lbbb",
        SimulatedFinding.RightBundleBranchBlock => "rbbb",
        _ => "normal",
    };

    /// <summary>Appends the row of one written file.</summary>
    public void Add(string fileName, SimulatedEcg ecg)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(ecg);
        _writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{fileName},{ecg.Label},{TerritoryName(ecg.Territory)},{ecg.Severity},{FindingName(ecg.Finding)}"));
    }

    /// <inheritdoc />
    public void Dispose() => _writer.Dispose();
}

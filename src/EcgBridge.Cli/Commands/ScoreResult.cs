using EcgBridge.Core;
using EcgBridge.Core.Scoring;

namespace EcgBridge.Cli.Commands;

/// <summary>One scored ECG of a <c>score</c> run: where it came from and the model's answer.</summary>
internal sealed record ScoreResult(string InputPath, int Index, int CountInFile, EcgRecording Recording, string TensorSha256, Prediction Prediction)
{
    /// <summary>File name stem of the outputs: the input name, plus the ECG's number when the file holds several.</summary>
    public string OutputStem => CountInFile == 1
        ? Path.GetFileName(InputPath)
        : $"{Path.GetFileName(InputPath)}.{Index + 1}";

    /// <summary>
    /// The dedupe key (DESIGN.md "Reliability rules"): sender, facility, control id and the hash of the normalized waveform,
    /// so scoring the same ECG again writes the same resource ids.
    /// </summary>
    public string DedupeKey =>
        $"{Recording.Source.SendingApplication}|{Recording.Source.SendingFacility}|{Recording.Source.MessageControlId}|{TensorSha256}";

    /// <summary>The patient id with all but its last two characters hidden (the table is often shared as a screenshot).</summary>
    public string MaskedPatientId => Mask(Recording.Source.PatientId);

    internal static string Mask(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return "-";
        }

        return id.Length <= 4 ? "****" : string.Concat("****", id.AsSpan(id.Length - 2));
    }
}

using System.Globalization;
using EcgBridge.Core;
using EcgBridge.Core.Issues;
using EcgBridge.Core.Normalization;
using EcgBridge.Fhir;
using EcgBridge.Fhir.Outputs;
using EcgBridge.Fhir.Serialization;
using EcgBridge.Hl7v2.Waveforms;
using EcgBridge.Hl7v2.Writing;
using EcgBridge.Simulator;
using EcgBridge.Simulator.Output;
using EcgBridge.Wfdb;

namespace EcgBridge.Cli.Commands;

/// <summary>Turns one simulated ECG into the bytes of a format, or writes it as files; all formats carry the 1 µV-quantized samples.</summary>
internal static class SimulateEncoder
{
    /// <summary>Acquisition time of ECG 0; ECG i is i × 10 s later, so files are reproducible for a seed.</summary>
    public static readonly DateTimeOffset BaseTime = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);

    public static string FileName(int index, SimulateFormat format) => format switch
    {
        SimulateFormat.Hl7 or SimulateFormat.Hl7Waveform => Name(index) + ".hl7",
        SimulateFormat.Fhir => Name(index) + ".json",
        SimulateFormat.Wfdb => Name(index) + ".hea",
        _ => Name(index) + TensorFile.Extension,
    };

    public static string Name(int index) => "sim-" + index.ToString("D5", CultureInfo.InvariantCulture);

    /// <summary>The recording as a device would send it: 1 µV resolution, synthetic ids (never real PHI).</summary>
    public static EcgRecording Prepare(SimulatedEcg ecg, ulong seed, int index)
    {
        EcgRecording quantized = ecg.Quantized();
        string id = string.Create(CultureInfo.InvariantCulture, $"SIM{seed}-{index}");
        return new EcgRecording(quantized.Leads, quantized.SampleRateHz)
        {
            AcquisitionTime = BaseTime.AddSeconds(10.0 * index),
            Source = new EcgSource
            {
                SendingApplication = "ECGBRIDGE-SIM",
                SendingFacility = "SIMULATOR",
                MessageControlId = id,
                PatientId = "SIM-PATIENT-" + index.ToString(CultureInfo.InvariantCulture),
                PatientIdSystem = "urn:ecgbridge:simulator",
                OrderId = id,
                DeviceId = "EcgBridge.Simulator",
            },
        };
    }

    /// <summary>Message bytes for the network formats (HL7 v2 and FHIR).</summary>
    public static byte[] Encode(EcgRecording recording, SimulateFormat format)
    {
        var options = new Hl7WriteOptions
        {
            ControlId = recording.Source.MessageControlId,
            Timestamp = recording.AcquisitionTime,
            AcceptAcknowledgmentType = "AL",
            ApplicationAcknowledgmentType = "NE",
        };
        return format switch
        {
            SimulateFormat.Hl7 => Pcd01MessageWriter.Write(recording, options),
            SimulateFormat.Hl7Waveform => WaveformMessageWriter.Write(recording, options),
            SimulateFormat.Fhir => FhirSerializer.ToBytes(EcgObservationBuilder.Build(recording), FhirFormat.Json),
            _ => throw new ArgumentOutOfRangeException(nameof(format), "Only HL7 v2 and FHIR are messages."),
        };
    }

    /// <summary>Writes one ECG into a directory; false with issues when normalization rejects it (tensor format only).</summary>
    public static bool TryWriteFile(string directory, int index, EcgRecording recording, SimulateFormat format, IssueList issues)
    {
        switch (format)
        {
            case SimulateFormat.Wfdb:
                WfdbRecordWriter.Write(directory, Name(index), recording);
                return true;
            case SimulateFormat.Tensor:
                var tensor = new EcgTensor();
                if (!EcgNormalizer.TryNormalize(recording, PreprocessingOptions.Default, tensor.Data, issues))
                {
                    return false;
                }

                TensorFile.Write(Path.Combine(directory, FileName(index, format)), tensor);
                return true;
            default:
                File.WriteAllBytes(Path.Combine(directory, FileName(index, format)), Encode(recording, format));
                return true;
        }
    }
}

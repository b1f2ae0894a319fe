using EcgBridge.Core;
using EcgBridge.Core.Issues;
using EcgBridge.Core.Mapping;
using EcgBridge.Fhir;
using EcgBridge.Fhir.Decoding;
using EcgBridge.Fhir.Outputs;
using EcgBridge.Fhir.Serialization;
using EcgBridge.Hl7v2.Files;
using EcgBridge.Hl7v2.Waveforms;
using EcgBridge.TestSupport;
using EcgBridge.Wfdb;

namespace EcgBridge.Simulator.Tests.Evidence;

/// <summary>Takes a simulated ECG through a real wire format and back: write with our writer, decode with our reader.</summary>
internal static class SimulatedPaths
{
    private static readonly Lazy<MappingProfileSet> Profiles = new(() =>
    {
        var issues = new IssueList();
        MappingProfileSet set = MappingProfileFiles.LoadDirectory(RepositoryPaths.Combine("mappings"), issues);
        Assert.False(issues.HasErrors, issues.CodesText());
        return set;
    });

    public static EcgRecording ThroughHl7Pcd01(EcgRecording recording)
    {
        var issues = new IssueList();
        byte[] message = Pcd01MessageWriter.Write(recording);
        Assert.True(Hl7EcgDecoder.TryDecode(message, Profiles.Value, null, issues, out Hl7DecodeResult result), issues.CodesText());
        return result.Recording!;
    }

    public static EcgRecording ThroughHl7Waveform(EcgRecording recording)
    {
        var issues = new IssueList();
        byte[] message = WaveformMessageWriter.Write(recording);
        Assert.True(Hl7EcgDecoder.TryDecode(message, Profiles.Value, null, issues, out Hl7DecodeResult result), issues.CodesText());
        return result.Recording!;
    }

    public static EcgRecording ThroughFhir(EcgRecording recording)
    {
        var issues = new IssueList();
        byte[] body = FhirSerializer.ToBytes(EcgObservationBuilder.Build(recording), FhirFormat.Json);
        Assert.True(FhirEcgDecoder.TryDecode(body, FhirFormat.Json, null, issues, out IReadOnlyList<FhirEcgInput> inputs), issues.CodesText());
        return Assert.Single(inputs).Recording;
    }

    public static EcgRecording ThroughWfdb(EcgRecording recording, string directory, string name)
    {
        var issues = new IssueList();
        string header = WfdbRecordWriter.Write(directory, name, recording);
        Assert.True(WfdbRecordReader.TryRead(header, issues, out EcgRecording? read), issues.CodesText());
        return read!;
    }
}

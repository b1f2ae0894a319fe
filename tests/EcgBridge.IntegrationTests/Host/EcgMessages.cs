using EcgBridge.Core;
using EcgBridge.Core.Issues;
using EcgBridge.Fhir.Outputs;
using EcgBridge.Fhir.Serialization;
using EcgBridge.Hl7v2.Waveforms;
using EcgBridge.Hl7v2.Writing;
using EcgBridge.Wfdb;
using Hl7.Fhir.Model;

namespace EcgBridge.IntegrationTests.Host;

/// <summary>The real PTB-XL record HR06000 encoded as HL7 v2 PCD-01 and FHIR Observation, with per-test ids.</summary>
internal static class EcgMessages
{
    private static readonly Lazy<EcgRecording> Record = new(() =>
    {
        var issues = new IssueList();
        string path = Path.Combine(AppContext.BaseDirectory, "TestData", "wfdb", "HR06000.hea");
        return WfdbRecordReader.TryRead(path, issues, out EcgRecording? recording) && recording is not null
            ? recording
            : throw new InvalidOperationException("HR06000 did not read: " + issues.CodesText());
    });

    public static EcgRecording Recording(string patientId) => new(Record.Value.Leads, Record.Value.SampleRateHz)
    {
        AcquisitionTime = new DateTimeOffset(2026, 11, 23, 8, 30, 0, TimeSpan.Zero),
        Source = new EcgSource { PatientId = patientId, PatientIdSystem = "urn:test:mrn", SendingApplication = "CART", SendingFacility = "ED" },
    };

    public static byte[] Hl7(string controlId, string patientId = "P-1") => Hl7(Recording(patientId), controlId);

    public static byte[] Hl7(EcgRecording recording, string controlId) =>
        Pcd01MessageWriter.Write(recording, new Hl7WriteOptions { SendingApplication = "CART", SendingFacility = "ED", ControlId = controlId });

    /// <summary>The recording with one lead flattened to zero (the quality gate's ECG-LEAD-FLAT).</summary>
    public static EcgRecording WithFlatLead(string patientId, Lead flat)
    {
        EcgRecording source = Recording(patientId);
        var leads = new List<LeadSignal>();
        foreach (LeadSignal lead in source.Leads)
        {
            leads.Add(lead.Lead == flat ? new LeadSignal(lead.Lead, new double[lead.Samples.Length]) : lead);
        }

        return new EcgRecording(leads, source.SampleRateHz) { AcquisitionTime = source.AcquisitionTime, Source = source.Source };
    }

    public static string FhirObservationJson(string identifier, string patientId)
    {
        Observation observation = EcgObservationBuilder.Build(Recording(patientId));
        observation.Id = null;
        observation.Identifier = [new Identifier("urn:test:ecg", identifier)];
        return FhirSerializer.ToJson(observation);
    }
}

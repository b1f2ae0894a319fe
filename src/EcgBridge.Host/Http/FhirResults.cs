using EcgBridge.Fhir;

namespace EcgBridge.Host.Http;

/// <summary>Answers of the FHIR surface.</summary>
internal static class FhirResults
{
    /// <summary>An OperationOutcome with one coded issue, in the format given (JSON unless the client asked for XML).</summary>
    public static BodyResult Outcome(int status, string fhirIssueCode, string code, string? location, FhirFormat format = FhirFormat.Json) =>
        new(status, FhirFormats.ContentType(format), FhirFormats.Render(OperationOutcomeJson.Create("error", fhirIssueCode, code, location), format));

    /// <summary>406: the client accepts neither FHIR JSON nor FHIR XML (answered in JSON).</summary>
    public static BodyResult NotAcceptable() =>
        Outcome(StatusCodes.Status406NotAcceptable, "not-supported", Pipeline.HostCodes.FormatNotAcceptable, "Accept");
}

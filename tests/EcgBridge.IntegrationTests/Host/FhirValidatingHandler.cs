using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Xml;
using EcgBridge.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace EcgBridge.IntegrationTests.Host;

/// <summary>
/// Sits in every test client of the service: each FHIR response body (JSON or XML) is parsed strictly and validated by
/// Firely's validator; a response with an error or an unexplained warning fails the test that received it. So every
/// resource the integration suite makes the service emit — results, outcomes, bundles, Device, Provenance,
/// CapabilityStatement, AuditEvents — is validated where it is emitted.
/// </summary>
internal sealed class FhirValidatingHandler() : DelegatingHandler(new HttpClientHandler())
{
    private static readonly Lock LogGate = new();
    private static int s_validated;

    /// <summary>FHIR responses validated so far in this process.</summary>
    public static int Validated => Volatile.Read(ref s_validated);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response = await base.SendAsync(request, cancellationToken);
        string? media = response.Content.Headers.ContentType?.MediaType;
        if (media is not ("application/fhir+json" or "application/fhir+xml" or "application/fhir+ndjson") || request.Method == HttpMethod.Head)
        {
            return response;
        }

        byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        string what = $"{request.Method} {request.RequestUri?.AbsolutePath}";
        if (media == "application/fhir+ndjson")
        {
            // One resource per line (the AuditEvent export).
            foreach (string line in Encoding.UTF8.GetString(body).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                AssertValid(line, xml: false, what);
            }
        }
        else if (body.Length > 0)
        {
            AssertValid(body, media == "application/fhir+xml", what);
        }

        // Give the test the same body and headers it would have had.
        var copy = new ByteArrayContent(body);
        foreach (KeyValuePair<string, IEnumerable<string>> header in response.Content.Headers)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        response.Content = copy;
        return response;
    }

    /// <summary>Parses strictly and validates; throws with every unexplained issue.</summary>
    public static void AssertValid(byte[] body, bool xml, string what)
    {
        Resource resource;
        try
        {
            if (xml)
            {
                using var reader = XmlReader.Create(new MemoryStream(body));
                resource = FhirXmlDeserializer.STRICT.DeserializeResource(reader);
            }
            else
            {
                var reader = new Utf8JsonReader(body);
                resource = FhirJsonDeserializer.STRICT.DeserializeResource(ref reader);
            }
        }
        catch (DeserializationFailedException exception)
        {
            throw new Xunit.Sdk.XunitException($"{what}: not strictly valid FHIR: " + exception.Message[..Math.Min(exception.Message.Length, 1500)]);
        }

        IReadOnlyList<FhirValidationIssue> unexplained = FhirProfileValidator.Unexplained(FhirProfileValidator.Instance.Validate(resource));
        Interlocked.Increment(ref s_validated);
        if (Environment.GetEnvironmentVariable("ECGB_VALIDATION_LOG") is { Length: > 0 } log)
        {
            // For the figure in the notes: one line per validated resource (type and bundle entries, no content).
            int entries = resource is Bundle bundle ? bundle.Entry.Count : 0;
            lock (LogGate)
            {
                File.AppendAllText(log, $"{resource.TypeName} {entries} {unexplained.Count}\n");
            }
        }

        if (unexplained.Count > 0)
        {
            throw new Xunit.Sdk.XunitException($"{what}: {resource.TypeName} fails FHIR validation ({unexplained.Count} issues):\n" + string.Join("\n", unexplained.Take(10)));
        }
    }

    /// <summary>A text body, for callers that hold a string.</summary>
    public static void AssertValid(string body, bool xml, string what) => AssertValid(Encoding.UTF8.GetBytes(body), xml, what);

    /// <summary>True for the FHIR media types.</summary>
    public static bool IsFhir(MediaTypeHeaderValue? type) => type?.MediaType is "application/fhir+json" or "application/fhir+xml";
}

namespace EcgBridge.Core.Pipeline;

/// <summary>Names of the ways a message reaches EcgBridge (recorded in audit rows and bus messages).</summary>
public static class IngestChannels
{
    public const string Mllp = "mllp";

    public const string FhirRest = "fhir-rest";

    public const string Amqp = "amqp";
    public const string Folder = "folder";

    public const string Replay = "replay";
}

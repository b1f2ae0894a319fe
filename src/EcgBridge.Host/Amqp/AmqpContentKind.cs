namespace EcgBridge.Host.Amqp;

/// <summary>What an AMQP body holds, from its content type or, when that is missing, its first byte.</summary>
internal enum AmqpContentKind
{
    Unknown = 0,
    Hl7v2 = 1,
    FhirJson = 2,
    FhirXml = 3,
}

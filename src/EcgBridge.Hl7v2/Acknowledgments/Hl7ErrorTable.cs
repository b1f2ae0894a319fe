using EcgBridge.Core.Issues;

namespace EcgBridge.Hl7v2.Acknowledgments;

/// <summary>
/// Our codes → HL7 table 0357 (message error condition codes). Rejects (AR) are problems with the envelope — unreadable
/// MSH, message type, event, version, limits; everything about content is an application error (AE).
/// </summary>
public static class Hl7ErrorTable
{
    public const int SegmentSequenceError = 100;
    public const int RequiredFieldMissing = 101;
    public const int DataTypeError = 102;
    public const int TableValueNotFound = 103;
    public const int UnsupportedMessageType = 200;
    public const int UnsupportedEventCode = 201;
    public const int UnsupportedProcessingId = 202;
    public const int UnsupportedVersionId = 203;
    public const int ApplicationInternalError = 207;

    /// <summary>The 0357 condition of one of our codes (unknown codes: 207, AE).</summary>
    public static Hl7ErrorCondition Lookup(string code) => code switch
    {
        Hl7Codes.MessageEmpty or Hl7Codes.MshMissing or Hl7Codes.SegmentIdInvalid => Reject(SegmentSequenceError),
        Hl7Codes.MshTruncated or Hl7Codes.MshFieldMissing => Reject(RequiredFieldMissing),
        Hl7Codes.EncodingCharactersInvalid or Hl7Codes.MessageBinary => Reject(DataTypeError),
        Hl7Codes.CharacterSetUnsupported => Reject(TableValueNotFound),
        Hl7Codes.MessageTypeUnsupported => Reject(UnsupportedMessageType),
        Hl7Codes.EventUnsupported => Reject(UnsupportedEventCode),
        Hl7Codes.VersionUnsupported => Reject(UnsupportedVersionId),
        Hl7Codes.MessageTooLarge or Hl7Codes.TooManySegments or Hl7Codes.SegmentTooLong
            or Hl7Codes.MllpFrameTooLarge or Hl7Codes.MllpFrameUnterminated or Hl7Codes.MllpBytesOutsideFrame => Reject(ApplicationInternalError),
        Hl7Codes.FieldTooLong => Reject(DataTypeError),
        Hl7Codes.BatchExtraMessage => Error(SegmentSequenceError),
        Hl7Codes.EscapeInvalid or Hl7Codes.SampleInvalid or Hl7Codes.SampleRateInvalid or Hl7Codes.DataRangeInvalid
            or Hl7Codes.ChannelDefinitionInvalid or Hl7Codes.ChannelCountMismatch or Hl7Codes.DateTimeInvalid
            or EcgCodes.SampleInvalid => Error(DataTypeError),
        Hl7Codes.WaveformMissing or Hl7Codes.SamplesEmpty or Hl7Codes.SampleRateMissing or Hl7Codes.ChannelDefinitionMissing
            or EcgCodes.LeadsMissing => Error(RequiredFieldMissing),
        EcgCodes.UnitUnsupported or EcgCodes.LeadUnknown or EcgCodes.SampleRateUnsupported => Error(TableValueNotFound),
        _ => Error(ApplicationInternalError),
    };

    /// <summary>The standard text of a 0357 code.</summary>
    public static string Text(int code) => code switch
    {
        0 => "Message accepted",
        SegmentSequenceError => "Segment sequence error",
        RequiredFieldMissing => "Required field missing",
        DataTypeError => "Data type error",
        TableValueNotFound => "Table value not found",
        UnsupportedMessageType => "Unsupported message type",
        UnsupportedEventCode => "Unsupported event code",
        UnsupportedProcessingId => "Unsupported processing id",
        UnsupportedVersionId => "Unsupported version id",
        _ => "Application internal error",
    };

    private static Hl7ErrorCondition Reject(int code) => new(code, Text(code), Rejects: true);

    private static Hl7ErrorCondition Error(int code) => new(code, Text(code), Rejects: false);
}

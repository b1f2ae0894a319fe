using EcgBridge.Hl7v2.Parsing;
using FsCheck.Xunit;

namespace EcgBridge.Hl7v2.Tests.Parsing;

public class Hl7EscapingTests
{
    private static readonly Hl7EncodingCharacters Standard = Hl7EncodingCharacters.Standard;
    private static readonly Hl7EncodingCharacters WithTruncation = Standard with { Truncation = (byte)'#' };

    [Property(MaxTest = 1000)]
    public bool Escape_then_unescape_is_identity(string value) =>
        value is null || Hl7Escaping.Unescape(Hl7Escaping.Escape(value, Standard), Standard) == value;

    [Property(MaxTest = 500)]
    public bool Escape_then_unescape_is_identity_with_a_truncation_character(string value) =>
        value is null || Hl7Escaping.Unescape(Hl7Escaping.Escape(value, WithTruncation), WithTruncation) == value;

    [Property(MaxTest = 500)]
    public bool Escaped_text_holds_no_delimiter_or_line_end(string value)
    {
        if (value is null)
        {
            return true;
        }

        string escaped = Hl7Escaping.Escape(value, Standard);
        return escaped.IndexOfAny(['|', '^', '~', '&', '\r', '\n']) < 0;
    }

    [Theory]
    [InlineData("\\F\\\\S\\\\T\\\\R\\\\E\\", "|^&~\\")]
    [InlineData("\\X48656C6C6F\\", "Hello")]
    [InlineData("a\\.br\\b", "a\nb")]
    [InlineData("\\H\\bold\\N\\", "\\H\\bold\\N\\")]
    [InlineData("\\E\\F\\E\\", "\\F\\")]
    public void Unescapes_sequences_once(string escaped, string expected) =>
        Assert.Equal(expected, Hl7Escaping.Unescape(escaped, Standard));

    [Theory]
    [InlineData("dangling\\")]
    [InlineData("\\X4\\")]
    [InlineData("\\Q\\")]
    public void Reports_malformed_sequences_and_keeps_them_literal(string escaped)
    {
        Assert.False(Hl7Escaping.TryUnescape(escaped, Standard, System.Text.Encoding.UTF8, 64, out string value));
        Assert.Equal(escaped, value);
    }
}

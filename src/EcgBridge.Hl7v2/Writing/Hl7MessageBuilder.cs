using System.Buffers;
using System.Globalization;
using System.Text;
using EcgBridge.Hl7v2.Parsing;

namespace EcgBridge.Hl7v2.Writing;

/// <summary>
/// Writes HL7 v2 segments as UTF-8 bytes with standard delimiters. Text values are escaped on output; raw values are the
/// caller's responsibility. Segments end with CR as the standard requires.
/// </summary>
public sealed class Hl7MessageBuilder
{
    private readonly ArrayBufferWriter<byte> _buffer;
    private readonly Hl7EncodingCharacters _delimiters = Hl7EncodingCharacters.Standard;
    private bool _inSegment;

    /// <summary>Creates a builder with an initial capacity in bytes.</summary>
    public Hl7MessageBuilder(int initialCapacity = 1024)
    {
        _buffer = new ArrayBufferWriter<byte>(Math.Max(initialCapacity, 256));
    }

    /// <summary>The delimiters written (standard <c>|^~\&amp;</c>).</summary>
    public Hl7EncodingCharacters Delimiters => _delimiters;

    /// <summary>Starts MSH: writes <c>MSH|^~\&amp;</c>; the next field written is MSH-3.</summary>
    public Hl7MessageBuilder StartMsh()
    {
        EndSegment();
        WriteAscii("MSH|^~\\&");
        _inSegment = true;
        return this;
    }

    /// <summary>Starts a segment with the given three-character id.</summary>
    public Hl7MessageBuilder StartSegment(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (id.Length != 3)
        {
            throw new ArgumentException("Segment ids have three characters.", nameof(id));
        }

        EndSegment();
        WriteAscii(id);
        _inSegment = true;
        return this;
    }

    /// <summary>Appends a field holding one escaped text value (null or empty: an empty field).</summary>
    public Hl7MessageBuilder Field(string? value)
    {
        WriteByte(_delimiters.Field);
        WriteEscaped(value);
        return this;
    }

    /// <summary>Appends several single-value fields.</summary>
    public Hl7MessageBuilder Fields(params string?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (string? value in values)
        {
            Field(value);
        }

        return this;
    }

    /// <summary>Appends a field made of escaped components (trailing empty components are dropped).</summary>
    public Hl7MessageBuilder Components(params string?[] components)
    {
        ArgumentNullException.ThrowIfNull(components);
        WriteByte(_delimiters.Field);
        int last = components.Length - 1;
        while (last >= 0 && string.IsNullOrEmpty(components[last]))
        {
            last--;
        }

        for (int i = 0; i <= last; i++)
        {
            if (i > 0)
            {
                WriteByte(_delimiters.Component);
            }

            WriteEscaped(components[i]);
        }

        return this;
    }

    /// <summary>Appends a field already in encoded form (delimiters and escapes as written).</summary>
    public Hl7MessageBuilder RawField(string? encoded)
    {
        WriteByte(_delimiters.Field);
        if (!string.IsNullOrEmpty(encoded))
        {
            WriteText(encoded);
        }

        return this;
    }

    /// <summary>Starts an empty field whose content follows through <see cref="Number"/> and <see cref="Separator"/>.</summary>
    public Hl7MessageBuilder OpenField()
    {
        WriteByte(_delimiters.Field);
        return this;
    }

    /// <summary>Writes a delimiter byte inside the current field.</summary>
    public Hl7MessageBuilder Separator(byte delimiter)
    {
        WriteByte(delimiter);
        return this;
    }

    /// <summary>
    /// Writes a number with at most 15 significant digits (invariant culture): exact for every decimal a device sends,
    /// within 1e-15 relative otherwise, and short enough for the reader's exact fast path (17-digit round-trip forms
    /// such as 0.026000000000000002 would triple message size and parse time).
    /// </summary>
    public Hl7MessageBuilder Number(double value)
    {
        Span<byte> span = _buffer.GetSpan(32);
        if (!value.TryFormat(span, out int written, "G15", CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException("A double always fits in 32 bytes.");
        }

        _buffer.Advance(written);
        return this;
    }

    /// <summary>Ends the message and returns its bytes (the last segment ends with CR).</summary>
    public byte[] ToArray()
    {
        EndSegment();
        return _buffer.WrittenSpan.ToArray();
    }

    private void EndSegment()
    {
        if (_inSegment)
        {
            WriteByte((byte)'\r');
            _inSegment = false;
        }
    }

    private void WriteEscaped(string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            WriteText(Hl7Escaping.Escape(value, _delimiters));
        }
    }

    private void WriteText(string text)
    {
        int max = Encoding.UTF8.GetMaxByteCount(text.Length);
        int written = Encoding.UTF8.GetBytes(text, _buffer.GetSpan(max));
        _buffer.Advance(written);
    }

    private void WriteAscii(string text)
    {
        Span<byte> span = _buffer.GetSpan(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            span[i] = (byte)text[i];
        }

        _buffer.Advance(text.Length);
    }

    private void WriteByte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
    }
}

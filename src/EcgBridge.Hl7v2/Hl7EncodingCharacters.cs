namespace EcgBridge.Hl7v2;

/// <summary>
/// The delimiters a message declares in MSH-1 and MSH-2: field, component, repetition, escape, subcomponent and the
/// optional v2.7 truncation character (0 when absent).
/// </summary>
public readonly record struct Hl7EncodingCharacters(byte Field, byte Component, byte Repetition, byte Escape, byte Subcomponent, byte Truncation)
{
    /// <summary>The standard <c>|^~\&amp;</c>.</summary>
    public static Hl7EncodingCharacters Standard { get; } = new((byte)'|', (byte)'^', (byte)'~', (byte)'\\', (byte)'&', 0);

    /// <summary>
    /// Reads MSH-1 and MSH-2 from the bytes after "MSH". MSH-2 must hold 4 or 5 distinct characters, none alphanumeric,
    /// none a line end, none equal to the field separator.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> afterMsh, out Hl7EncodingCharacters characters, out int consumed)
    {
        characters = default;
        consumed = 0;
        if (afterMsh.IsEmpty || !IsDelimiterCandidate(afterMsh[0]))
        {
            return false;
        }

        byte field = afterMsh[0];
        ReadOnlySpan<byte> rest = afterMsh[1..];
        int end = rest.IndexOfAny(field, (byte)'\r', (byte)'\n');
        ReadOnlySpan<byte> msh2 = end < 0 ? rest : rest[..end];
        if (msh2.Length is < 4 or > 5)
        {
            return false;
        }

        Span<byte> seen = stackalloc byte[6];
        seen[0] = field;
        for (int i = 0; i < msh2.Length; i++)
        {
            byte c = msh2[i];
            if (!IsDelimiterCandidate(c) || seen[..(i + 1)].Contains(c))
            {
                return false;
            }

            seen[i + 1] = c;
        }

        characters = new Hl7EncodingCharacters(field, msh2[0], msh2[1], msh2[2], msh2[3], msh2.Length == 5 ? msh2[4] : (byte)0);
        consumed = 1 + msh2.Length;
        return true;
    }

    /// <summary>True for each delimiter byte of this set.</summary>
    public bool IsDelimiter(byte value) =>
        value == Field || value == Component || value == Repetition || value == Escape || value == Subcomponent
        || (Truncation != 0 && value == Truncation);

    /// <summary>MSH-2 as text (for example <c>^~\&amp;</c>).</summary>
    public string Msh2Text() => Truncation == 0
        ? string.Create(4, this, static (span, c) =>
        {
            span[0] = (char)c.Component;
            span[1] = (char)c.Repetition;
            span[2] = (char)c.Escape;
            span[3] = (char)c.Subcomponent;
        })
        : string.Create(5, this, static (span, c) =>
        {
            span[0] = (char)c.Component;
            span[1] = (char)c.Repetition;
            span[2] = (char)c.Escape;
            span[3] = (char)c.Subcomponent;
            span[4] = (char)c.Truncation;
        });

    // Printable ASCII punctuation only: alphanumerics, spaces, controls and non-ASCII bytes would be ambiguous.
    private static bool IsDelimiterCandidate(byte c) => c is > 0x20 and < 0x7F && !char.IsAsciiLetterOrDigit((char)c);
}

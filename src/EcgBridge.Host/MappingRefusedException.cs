using EcgBridge.Hl7v2.Files;

namespace EcgBridge.Host;

/// <summary>Start-up refused: the mappings folder is missing, empty, or holds an invalid profile file.</summary>
public sealed class MappingRefusedException : Exception
{
    public MappingRefusedException()
        : this("mapping profiles refused")
    {
    }

    public MappingRefusedException(string message)
        : base(message)
    {
        Lines = [message];
    }

    public MappingRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Lines = [message];
    }

    public MappingRefusedException(MappingCatalog catalog)
        : base("mapping profiles refused")
    {
        ArgumentNullException.ThrowIfNull(catalog);
        Lines = [.. catalog.RefusalLines()];
    }

    /// <summary>One <c>refused: CODE file</c> line per problem (codes and file names only).</summary>
    public IReadOnlyList<string> Lines { get; }
}

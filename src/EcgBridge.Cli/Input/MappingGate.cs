using EcgBridge.Hl7v2.Files;

namespace EcgBridge.Cli.Input;

/// <summary>
/// The start check of every command that decodes: the shipped mapping profiles (beside the binary, else a checkout's
/// mappings/) must all load. Otherwise the command prints <c>refused: CODE file</c> lines and exits 2.
/// </summary>
internal static class MappingGate
{
    /// <summary>True when the profiles load; otherwise writes the refusal lines to stderr.</summary>
    public static bool Check()
    {
        MappingCatalog catalog = MappingProfileFiles.LoadStrict(MappingProfileFiles.FindDefaultDirectory());
        if (!catalog.Refused)
        {
            return true;
        }

        foreach (string line in catalog.RefusalLines())
        {
            Console.Error.WriteLine(line);
        }

        return false;
    }
}

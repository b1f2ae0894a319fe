namespace EcgBridge.IntegrationTests.Host;

/// <summary>Reads what a test checks in an ACK: MSA-1, MSA-2 and the codes in ERR segments.</summary>
internal sealed record Ack(string Code, string ControlId, IReadOnlyList<string> ErrorSegments)
{
    public static Ack Parse(string text)
    {
        string[] segments = text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
        string code = "";
        string controlId = "";
        var errors = new List<string>();
        foreach (string segment in segments)
        {
            string[] fields = segment.Split('|');
            if (fields[0] == "MSA")
            {
                code = fields.Length > 1 ? fields[1] : "";
                controlId = fields.Length > 2 ? fields[2] : "";
            }
            else if (fields[0] == "ERR")
            {
                errors.Add(segment);
            }
        }

        return new Ack(code, controlId, errors);
    }

    public bool MentionsCode(string code)
    {
        foreach (string segment in ErrorSegments)
        {
            if (segment.Contains(code, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}

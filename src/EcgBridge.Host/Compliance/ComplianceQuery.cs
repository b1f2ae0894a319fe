using EcgBridge.Compliance;
using EcgBridge.Core.Issues;

namespace EcgBridge.Host.Compliance;

/// <summary>Reads the compliance filter parameters of a request's query string through <see cref="ComplianceFilterParser"/>.</summary>
internal static class ComplianceQuery
{
    /// <summary>More parameters than this is not a search anyone types.</summary>
    public const int MaxParameters = 16;

    /// <summary>
    /// Parses the query (repeated parameters are refused: one value each). <paramref name="ignored"/> names parameters
    /// that belong to the caller (the page's own ones), not to the filter.
    /// </summary>
    public static bool TryParse(IQueryCollection query, int maxTake, IssueList issues, out ComplianceFilter? filter, params string[] ignored)
    {
        if (query.Count > MaxParameters)
        {
            issues.Error(ComplianceCodes.FilterUnknown, "query");
            filter = null;
            return false;
        }

        var parameters = new List<KeyValuePair<string, string?>>(query.Count);
        bool repeated = false;
        foreach ((string name, Microsoft.Extensions.Primitives.StringValues values) in query)
        {
            if (Array.IndexOf(ignored, name) >= 0)
            {
                continue;
            }

            if (values.Count > 1)
            {
                repeated = true;
                issues.Error(ComplianceCodes.FilterValueInvalid, ComplianceFilterParser.Names.Contains(name) ? name : "parameter");
                continue;
            }

            parameters.Add(new KeyValuePair<string, string?>(name, values.ToString()));
        }

        bool parsed = ComplianceFilterParser.TryParse(parameters, maxTake, issues, out filter);
        if (repeated)
        {
            filter = null;
            return false;
        }

        return parsed;
    }
}

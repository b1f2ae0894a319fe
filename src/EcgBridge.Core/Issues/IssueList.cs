using System.Collections;

namespace EcgBridge.Core.Issues;

/// <summary>Collects issues as a step runs; errors are gathered, not thrown one at a time.</summary>
public sealed class IssueList : IReadOnlyList<Issue>
{
    private readonly List<Issue> _items = [];

    /// <summary>True when any issue has severity Error or Fatal.</summary>
    public bool HasErrors { get; private set; }

    /// <summary>How many issues have severity Error or Fatal (a step compares it before and after to see what it added).</summary>
    public int ErrorCount { get; private set; }

    /// <inheritdoc />
    public int Count => _items.Count;

    /// <inheritdoc />
    public Issue this[int index] => _items[index];

    /// <summary>Adds an issue.</summary>
    public void Add(Issue issue)
    {
        _items.Add(issue);
        HasErrors |= issue.IsError;
        ErrorCount += issue.IsError ? 1 : 0;
    }

    /// <summary>Adds an error.</summary>
    public void Error(string code, string location) => Add(new Issue(code, IssueSeverity.Error, location));

    /// <summary>Adds a warning.</summary>
    public void Warning(string code, string location) => Add(new Issue(code, IssueSeverity.Warning, location));

    /// <summary>Adds every issue of another list.</summary>
    public void AddRange(IEnumerable<Issue> issues)
    {
        ArgumentNullException.ThrowIfNull(issues);
        foreach (Issue issue in issues)
        {
            Add(issue);
        }
    }

    /// <summary>True when an issue with this code was recorded.</summary>
    public bool Contains(string code)
    {
        foreach (Issue issue in _items)
        {
            if (issue.Code == code)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The issue codes, comma separated, for logs and audit rows (codes carry no PHI).</summary>
    public string CodesText()
    {
        var codes = new List<string>(_items.Count);
        foreach (Issue issue in _items)
        {
            if (!codes.Contains(issue.Code))
            {
                codes.Add(issue.Code);
            }
        }

        return string.Join(',', codes);
    }

    /// <inheritdoc />
    public IEnumerator<Issue> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

namespace EcgBridge.Core.Issues;

/// <summary>
/// One finding about an input: a stable code, a severity and where it is (for example <c>OBX[3]-5</c>, <c>lead V2</c>,
/// <c>Observation.component[3].valueSampledData.period</c>). Never carries input values: locations and codes only.
/// </summary>
public readonly record struct Issue(string Code, IssueSeverity Severity, string Location)
{
    /// <summary>True when this issue rejects the input.</summary>
    public bool IsError => Severity >= IssueSeverity.Error;

    /// <inheritdoc />
    public override string ToString() => $"{Code} {Location}";
}

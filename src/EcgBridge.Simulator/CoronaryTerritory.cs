namespace EcgBridge.Simulator;

/// <summary>The territory of a simulated occlusion, which decides where ST elevation and reciprocal depression appear.</summary>
public enum CoronaryTerritory
{
    /// <summary>No occlusion.</summary>
    None = 0,

    /// <summary>LAD: elevation V1–V4 (often I, aVL), reciprocal depression in II, III, aVF.</summary>
    Anterior = 1,

    /// <summary>RCA or LCx: elevation II, III, aVF, reciprocal depression in I and aVL.</summary>
    Inferior = 2,

    /// <summary>LCx or diagonal: elevation I, aVL, V5–V6, reciprocal depression in III and aVF.</summary>
    Lateral = 3,
}

namespace EcgBridge.Simulator;

/// <summary>What a simulated ECG shows: an occlusion MI, a normal ECG, or an ST-elevation mimic (negatives).</summary>
public enum SimulatedFinding
{
    /// <summary>Sinus rhythm, normal conduction and repolarisation.</summary>
    Normal = 0,

    /// <summary>Occlusion myocardial infarction: territorial ST elevation, reciprocal depression, hyperacute T (positive).</summary>
    OcclusionMi = 1,

    /// <summary>Benign early repolarisation: diffuse concave ST elevation with J notch, no reciprocal change (negative).</summary>
    EarlyRepolarisation = 2,

    /// <summary>Left ventricular hypertrophy with strain: tall voltages, discordant ST-T (negative).</summary>
    LvhStrain = 3,

    /// <summary>Left bundle branch block: wide QRS, discordant ST elevation in V1–V3 (negative).</summary>
    LeftBundleBranchBlock = 4,

    /// <summary>Right bundle branch block: RSR' in V1, wide S in I and V6, discordant T in V1–V3 (negative).</summary>
    RightBundleBranchBlock = 5,
}

using EcgBridge.Core;

namespace EcgBridge.Simulator;

/// <summary>
/// The Dower transform (Dower et al. 1980; coefficients as tabulated by Edenbrandt &amp; Pahlm 1988): the lead vectors of
/// I, II and V1–V6 in Frank coordinates. III, aVR, aVL and aVF are never projected; they are derived from I and II so
/// that Einthoven's and Goldberger's identities hold exactly.
/// </summary>
public static class DowerLeadField
{
    /// <summary>Lead vector of I.</summary>
    public static Vector3D LeadI { get; } = new(0.632, -0.235, 0.059);

    /// <summary>Lead vector of II.</summary>
    public static Vector3D LeadII { get; } = new(0.235, 1.066, -0.132);

    private static readonly Vector3D[] Precordial =
    [
        new(-0.515, 0.157, -0.917),
        new(0.044, 0.164, -1.387),
        new(0.882, 0.098, -1.277),
        new(1.213, 0.127, -0.601),
        new(1.125, 0.127, -0.086),
        new(0.831, 0.076, 0.230),
    ];

    /// <summary>The lead vector of an independent lead (I, II, V1–V6).</summary>
    public static Vector3D LeadVector(Lead lead) => lead switch
    {
        Lead.I => LeadI,
        Lead.II => LeadII,
        >= Lead.V1 and <= Lead.V6 => Precordial[lead - Lead.V1],
        _ => DerivedLeadVector(lead),
    };

    /// <summary>Potential of every one of the 12 leads for a heart vector, in tensor order (derived leads from I and II).</summary>
    public static void Project(Vector3D heartVector, Span<double> twelve)
    {
        double i = LeadI.Dot(heartVector);
        double ii = LeadII.Dot(heartVector);
        twelve[(int)Lead.I] = i;
        twelve[(int)Lead.II] = ii;
        DeriveLimbLeads(i, ii, twelve);
        for (int k = 0; k < Precordial.Length; k++)
        {
            twelve[(int)Lead.V1 + k] = Precordial[k].Dot(heartVector);
        }
    }

    /// <summary>III = II − I; aVR = −(I + II)/2; aVL = I − II/2; aVF = II − I/2 (DESIGN.md "Canonical ECG").</summary>
    public static void DeriveLimbLeads(double i, double ii, Span<double> twelve)
    {
        twelve[(int)Lead.III] = ii - i;
        twelve[(int)Lead.AVR] = -(i + ii) / 2;
        twelve[(int)Lead.AVL] = i - (ii / 2);
        twelve[(int)Lead.AVF] = ii - (i / 2);
    }

    private static Vector3D DerivedLeadVector(Lead lead) => lead switch
    {
        Lead.III => LeadII - LeadI,
        Lead.AVR => -0.5 * (LeadI + LeadII),
        Lead.AVL => LeadI - (0.5 * LeadII),
        _ => LeadII - (0.5 * LeadI),
    };
}

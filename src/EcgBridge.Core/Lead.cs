namespace EcgBridge.Core;

/// <summary>The 12 standard leads, numbered in the model's tensor order (DESIGN.md "Canonical ECG").</summary>
public enum Lead : byte
{
    I = 0,
    II = 1,
    III = 2,
    AVR = 3,
    AVL = 4,
    AVF = 5,
    V1 = 6,
    V2 = 7,
    V3 = 8,
    V4 = 9,
    V5 = 10,
    V6 = 11,
}

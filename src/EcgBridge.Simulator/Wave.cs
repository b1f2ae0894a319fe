namespace EcgBridge.Simulator;

/// <summary>One Gaussian component of the heart vector: centre relative to the R peak, width, and 3-D amplitude.</summary>
internal readonly record struct Wave(double OffsetSeconds, double SigmaSeconds, Vector3D Amplitude, bool ScalesWithQt);

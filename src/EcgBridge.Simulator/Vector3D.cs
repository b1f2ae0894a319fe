namespace EcgBridge.Simulator;

/// <summary>A heart-vector direction or amplitude in Frank coordinates: X to the patient's left, Y inferior, Z posterior (mV).</summary>
public readonly record struct Vector3D(double X, double Y, double Z)
{
    public static Vector3D Zero => default;

    public double Length => Math.Sqrt((X * X) + (Y * Y) + (Z * Z));

    public static Vector3D operator +(Vector3D a, Vector3D b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);

    public static Vector3D operator -(Vector3D a, Vector3D b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);

    public static Vector3D operator -(Vector3D a) => new(-a.X, -a.Y, -a.Z);

    public static Vector3D operator *(double s, Vector3D a) => new(s * a.X, s * a.Y, s * a.Z);

    public static Vector3D Add(Vector3D a, Vector3D b) => a + b;

    public static Vector3D Subtract(Vector3D a, Vector3D b) => a - b;

    public static Vector3D Negate(Vector3D a) => -a;

    public static Vector3D Multiply(double s, Vector3D a) => s * a;

    public double Dot(Vector3D other) => (X * other.X) + (Y * other.Y) + (Z * other.Z);

    /// <summary>This vector scaled to length 1 (zero stays zero).</summary>
    public Vector3D Normalized()
    {
        double length = Length;
        return length == 0 ? this : (1.0 / length) * this;
    }

    /// <summary>Rotates in the frontal (X–Y) plane; positive angles turn left towards inferior, as the hexaxial axis does.</summary>
    public Vector3D RotateFrontal(double radians)
    {
        double c = Math.Cos(radians);
        double s = Math.Sin(radians);
        return new Vector3D((c * X) - (s * Y), (s * X) + (c * Y), Z);
    }

    /// <summary>Rotates in the horizontal (X–Z) plane; positive angles turn left towards posterior (a clockwise-rotated heart).</summary>
    public Vector3D RotateHorizontal(double radians)
    {
        double c = Math.Cos(radians);
        double s = Math.Sin(radians);
        return new Vector3D((c * X) - (s * Z), Y, (s * X) + (c * Z));
    }

    /// <summary>Angle in the frontal plane in degrees (0 = left, +90 = inferior).</summary>
    public double FrontalAngleDegrees => Math.Atan2(Y, X) * 180.0 / Math.PI;
}

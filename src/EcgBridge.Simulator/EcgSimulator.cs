using System.Diagnostics.CodeAnalysis;
using EcgBridge.Core;
using EcgBridge.Core.Issues;

namespace EcgBridge.Simulator;

/// <summary>
/// Synthetic 12-lead ECGs from a 3-D cardiac dipole (McSharry et al. 2003; Sameni et al. 2007): each wave is a Gaussian
/// in time with a 3-D amplitude, the heart vector is projected with the Dower lead field, and pathology is a change of
/// the vectors (ST injury vector by territory, hyperacute T, conduction blocks). Deterministic for a spec and seed.
/// </summary>
public static class EcgSimulator
{
    // Reference morphology at 60 bpm in Frank coordinates (X left, Y inferior, Z posterior), mV.
    private static readonly Vector3D PVector = new(0.08, 0.12, -0.02);
    private static readonly Vector3D QVector = new(-0.08, 0.0, -0.12);
    private static readonly Vector3D RVector = new(1.1, 0.55, 0.35);
    private static readonly Vector3D SVector = new(-0.3, -0.1, 0.35);
    private static readonly Vector3D TVector = new(0.33, 0.22, -0.12);
    private static readonly double ReferenceAxisDegrees = RVector.FrontalAngleDegrees;

    // Injury-current directions: the ST vector points towards the ischaemic wall.
    private static readonly Vector3D AnteriorInjury = new(0.3, -0.6, -1.0);
    private static readonly Vector3D InferiorRcaInjury = new(-0.3, 1.0, 0.1);
    private static readonly Vector3D InferiorLcxInjury = new(0.2, 1.0, 0.4);
    private static readonly Vector3D LateralInjury = new(1.0, -0.4, -0.1);

    private const double NominalQrsSeconds = 0.09;

    /// <summary>Generates one ECG. Throws for an invalid spec; check with <see cref="SimulationSpec.TryValidate"/> first.</summary>
    public static SimulatedEcg Generate(SimulationSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var issues = new IssueList();
        if (!spec.TryValidate(issues))
        {
            ThrowInvalid(issues, nameof(spec));
        }

        var random = new SeededRandom(spec.Seed);
        SimulationSpec resolved = Resolve(spec, random);
        BeatModel model = BuildMorphology(resolved, random);
        return Synthesize(resolved, model, random);
    }

    private static SimulationSpec Resolve(SimulationSpec spec, SeededRandom random)
    {
        // Draw every parameter in a fixed order, whether given or not, so one given value does not shift the others.
        double bpm = random.Uniform(50, 110);
        double axis = Math.Clamp(45 + (20 * random.Gaussian()), -30, 100);
        double qrs = random.Uniform(0.08, 0.105);
        CoronaryTerritory territory = (CoronaryTerritory)(1 + random.NextInt(3));
        int severity = 1 + random.NextInt(3);
        double wander = random.Uniform(0, 0.3);
        double mains = random.Uniform(0, 0.03);
        double mainsHz = random.Chance(0.5) ? 50 : 60;
        double muscle = random.Uniform(0, 0.02);
        double modulation = random.Uniform(0, 0.08);

        switch (spec.Finding)
        {
            case SimulatedFinding.LeftBundleBranchBlock:
                qrs = random.Uniform(0.13, 0.17);
                axis = Math.Clamp(10 + (20 * random.Gaussian()), -45, 60);
                break;
            case SimulatedFinding.RightBundleBranchBlock:
                qrs = random.Uniform(0.12, 0.15);
                break;
            case SimulatedFinding.LvhStrain:
                qrs = random.Uniform(0.09, 0.11);
                axis = Math.Clamp(20 + (20 * random.Gaussian()), -30, 80);
                break;
            default:
                break;
        }

        bool omi = spec.IsOmi;
        return spec with
        {
            HeartRateBpm = spec.HeartRateBpm ?? bpm,
            AxisDegrees = spec.AxisDegrees ?? axis,
            QrsWidthSeconds = spec.QrsWidthSeconds ?? qrs,
            Territory = omi ? spec.Territory is null or CoronaryTerritory.None ? territory : spec.Territory : CoronaryTerritory.None,
            Severity = omi ? spec.Severity ?? severity : 0,
            Noise = new NoiseSpec
            {
                BaselineWanderMillivolts = spec.Noise.BaselineWanderMillivolts ?? wander,
                MainsMillivolts = spec.Noise.MainsMillivolts ?? mains,
                MainsHz = spec.Noise.MainsHz ?? mainsHz,
                MuscleMillivolts = spec.Noise.MuscleMillivolts ?? muscle,
                AmplitudeModulation = spec.Noise.AmplitudeModulation ?? modulation,
            },
        };
    }

    private static BeatModel BuildMorphology(SimulationSpec spec, SeededRandom random)
    {
        double frontal = (spec.AxisDegrees!.Value - ReferenceAxisDegrees) * Math.PI / 180;
        double horizontal = 12 * random.Gaussian() * Math.PI / 180;
        Vector3D Orient(Vector3D v) => v.RotateFrontal(frontal).RotateHorizontal(horizontal);

        double w = spec.QrsWidthSeconds!.Value / NominalQrsSeconds;
        double pScale = random.LogNormal(0.3);
        double rScale = random.LogNormal(0.25);
        double sScale = random.LogNormal(0.3);
        double tScale = random.LogNormal(0.25);
        double prSeconds = random.Uniform(0.14, 0.19);
        double qrsSigma = 0.011 * w;

        var model = new BeatModel();
        model.Waves.Add(new Wave(-prSeconds, 0.035, pScale * PVector.RotateFrontal(frontal / 2), false));
        Vector3D q = Orient(QVector);
        Vector3D r = Orient(rScale * RVector);
        Vector3D s = Orient(sScale * SVector);
        Vector3D t = Orient(tScale * TVector);
        double tOffset = 0.28;
        double tSigma = 0.055;
        double sOffset = 0.028 * w;
        Vector3D st = Vector3D.Zero;

        switch (spec.Finding)
        {
            case SimulatedFinding.OcclusionMi:
                {
                    Vector3D direction = InjuryDirection(spec.Territory!.Value, random);
                    double elevation = spec.Severity switch
                    {
                        1 => random.Uniform(0.10, 0.18),
                        2 => random.Uniform(0.20, 0.32),
                        _ => random.Uniform(0.35, 0.60),
                    };
                    st = elevation / MaxLeadProjection(direction) * direction;
                    // Hyperacute T: the T vector turns towards the injury and grows; it also broadens with severity.
                    t += random.Uniform(0.8, 1.6) * st;
                    tSigma *= 1.1 + (0.08 * spec.Severity!.Value);
                    break;
                }

            case SimulatedFinding.EarlyRepolarisation:
                {
                    // ST follows the T axis (concordant, diffuse), no reciprocal change except aVR; J notch; tall T.
                    Vector3D direction = t.Normalized();
                    st = random.Uniform(0.08, 0.22) / MaxLeadProjection(direction) * direction;
                    t = random.Uniform(1.2, 1.6) * t;
                    model.Waves.Add(new Wave(sOffset + (2.2 * qrsSigma), 0.007, random.Uniform(0.06, 0.14) * r.Normalized(), false));
                    break;
                }

            case SimulatedFinding.LvhStrain:
                {
                    r = random.Uniform(1.8, 2.5) * (r + new Vector3D(0, 0, 0.25));
                    s = random.Uniform(1.5, 2.2) * s;
                    Vector3D away = -r.Normalized();
                    st = random.Uniform(0.08, 0.2) / MaxLeadProjection(away) * away;
                    t = (random.Uniform(0.2, 0.5) * r.Length * away) + (0.2 * t);
                    break;
                }

            case SimulatedFinding.LeftBundleBranchBlock:
                {
                    // Septum activates left to right: no septal q in I/V6; broad notched R directed left and posterior.
                    q = Orient(new Vector3D(0.15, 0.0, 0.1));
                    Vector3D main = Orient(rScale * new Vector3D(0.9, 0.2, 1.0));
                    r = 0.7 * main;
                    model.Waves.Add(new Wave(0.022 * w, qrsSigma * 1.1, 0.65 * main, false));
                    s = 0.1 * s;
                    Vector3D away = -main.Normalized();
                    st = random.Uniform(0.15, 0.35) / MaxLeadProjection(away) * away;
                    t = random.Uniform(0.3, 0.5) * away;
                    break;
                }

            case SimulatedFinding.RightBundleBranchBlock:
                {
                    // Late right-ventricular activation: a terminal rightward, anterior R' (RSR' in V1, wide S in I and V6).
                    double rPrimeOffset = sOffset + (0.035 * w);
                    model.Waves.Add(new Wave(rPrimeOffset, 0.018 * w, Orient(new Vector3D(-0.35, 0.05, -0.55)), false));
                    sOffset = 0.022 * w;
                    Vector3D posterior = new Vector3D(0.2, 0, 0.8).Normalized();
                    st = random.Uniform(0.03, 0.08) / MaxLeadProjection(posterior) * posterior;
                    t += random.Uniform(0.15, 0.3) * posterior;
                    model.JPointSeconds = rPrimeOffset + (2 * 0.018 * w);
                    break;
                }

            default:
                break;
        }

        model.Waves.Add(new Wave(-0.028 * w, qrsSigma, q, false));
        model.Waves.Add(new Wave(0, qrsSigma, r, false));
        model.Waves.Add(new Wave(sOffset, qrsSigma, s, false));
        model.TWaveIndex = model.Waves.Count;
        model.Waves.Add(new Wave(tOffset, tSigma, t, true));
        // A smaller, later, narrower Gaussian makes the T wave's descent steeper than its ascent, as in real T waves.
        model.Waves.Add(new Wave(tOffset + (0.7 * tSigma), 0.6 * tSigma, 0.35 * t, true));
        model.StVector = st;
        if (model.JPointSeconds == 0)
        {
            model.JPointSeconds = sOffset + (2.2 * qrsSigma);
        }

        return model;
    }

    private static Vector3D InjuryDirection(CoronaryTerritory territory, SeededRandom random)
    {
        Vector3D direction = territory switch
        {
            CoronaryTerritory.Anterior => AnteriorInjury,
            CoronaryTerritory.Inferior => Mix(InferiorRcaInjury, InferiorLcxInjury, random.NextDouble()),
            _ => LateralInjury,
        };
        direction = direction.Normalized();
        var jitter = new Vector3D(0.08 * random.Gaussian(), 0.08 * random.Gaussian(), 0.08 * random.Gaussian());
        return (direction + jitter).Normalized();
    }

    private static Vector3D Mix(Vector3D a, Vector3D b, double fraction) => ((1 - fraction) * a.Normalized()) + (fraction * b.Normalized());

    private static double MaxLeadProjection(Vector3D direction)
    {
        Span<double> leads = stackalloc double[LeadCatalog.Count];
        DowerLeadField.Project(direction, leads);
        double max = 0;
        foreach (double value in leads)
        {
            max = Math.Max(max, value);
        }

        return Math.Max(max, 0.05);
    }

    private static SimulatedEcg Synthesize(SimulationSpec spec, BeatModel model, SeededRandom random)
    {
        double fs = spec.SampleRateHz;
        double duration = spec.DurationSeconds;
        int n = (int)Math.Round(duration * fs);
        double rrMean = 60.0 / spec.HeartRateBpm!.Value;
        NoiseSpec noise = spec.Noise;

        // Respiration drives RSA, amplitude modulation and part of the baseline wander, as in McSharry's RR spectrum.
        double respirationHz = random.Uniform(0.15, 0.35);
        double respirationPhase = random.Angle();
        double rsa = random.Uniform(0.01, 0.05);
        double mayerHz = random.Uniform(0.08, 0.12);
        double mayerPhase = random.Angle();
        double mayer = random.Uniform(0.005, 0.03);

        var beats = new List<double>();
        var intervals = new List<double>();
        double time = -random.Uniform(0.3, rrMean + 0.3);
        while (time < duration + 1.0)
        {
            double rr = rrMean * (1
                + (rsa * Math.Sin((2 * Math.PI * respirationHz * time) + respirationPhase))
                + (mayer * Math.Sin((2 * Math.PI * mayerHz * time) + mayerPhase))
                + (0.008 * random.Gaussian()));
            beats.Add(time);
            intervals.Add(rr);
            time += rr;
        }

        var x = new double[n];
        var y = new double[n];
        var z = new double[n];
        for (int b = 0; b < beats.Count; b++)
        {
            double previousRr = b > 0 ? intervals[b - 1] : intervals[0];
            AddBeat(model, beats[b], previousRr, 1 + (0.02 * random.Gaussian()), fs, x, y, z);
        }

        double modulation = noise.AmplitudeModulation!.Value;
        var leads = new double[LeadCatalog.Count][];
        for (int k = 0; k < leads.Length; k++)
        {
            leads[k] = new double[n];
        }

        Span<double> twelve = stackalloc double[LeadCatalog.Count];
        Span<double> precordialGain = stackalloc double[6];
        for (int k = 0; k < precordialGain.Length; k++)
        {
            precordialGain[k] = random.LogNormal(0.05);
        }

        for (int i = 0; i < n; i++)
        {
            double t = i / fs;
            double gain = 1 + (modulation * Math.Sin((2 * Math.PI * respirationHz * t) + respirationPhase + (Math.PI / 2)));
            DowerLeadField.Project(new Vector3D(gain * x[i], gain * y[i], gain * z[i]), twelve);
            leads[(int)Lead.I][i] = twelve[(int)Lead.I];
            leads[(int)Lead.II][i] = twelve[(int)Lead.II];
            for (int k = 0; k < 6; k++)
            {
                leads[(int)Lead.V1 + k][i] = precordialGain[k] * twelve[(int)Lead.V1 + k];
            }
        }

        // Interference enters at the electrodes, so it is added to the independent leads before III, aVR, aVL, aVF are derived.
        AddNoise(leads[(int)Lead.I], noise, fs, respirationHz, random);
        AddNoise(leads[(int)Lead.II], noise, fs, respirationHz, random);
        for (int k = 0; k < 6; k++)
        {
            AddNoise(leads[(int)Lead.V1 + k], noise, fs, respirationHz, random);
        }

        for (int i = 0; i < n; i++)
        {
            DowerLeadField.DeriveLimbLeads(leads[(int)Lead.I][i], leads[(int)Lead.II][i], twelve);
            leads[(int)Lead.III][i] = twelve[(int)Lead.III];
            leads[(int)Lead.AVR][i] = twelve[(int)Lead.AVR];
            leads[(int)Lead.AVL][i] = twelve[(int)Lead.AVL];
            leads[(int)Lead.AVF][i] = twelve[(int)Lead.AVF];
        }

        var signals = new LeadSignal[LeadCatalog.Count];
        foreach (Lead lead in LeadCatalog.All)
        {
            signals[(int)lead] = new LeadSignal(lead, leads[(int)lead]) { SourceLocation = LeadCatalog.DisplayName(lead) };
        }

        var peaks = new List<double>();
        foreach (double beat in beats)
        {
            if (beat >= 0 && beat < duration)
            {
                peaks.Add(beat);
            }
        }

        var recording = new EcgRecording(signals, fs);
        return new SimulatedEcg(spec, recording, [.. peaks]);
    }

    private static void AddBeat(BeatModel model, double rPeak, double previousRr, double beatGain, double fs, double[] x, double[] y, double[] z)
    {
        // QT scales with the square root of the preceding RR (Bazett), as ECGSYN scales its T-wave angles with heart rate.
        double qt = Math.Sqrt(Math.Clamp(previousRr, 0.3, 2.0));
        int first = Math.Max(0, (int)Math.Floor((rPeak - 0.4) * fs));
        int last = Math.Min(x.Length - 1, (int)Math.Ceiling((rPeak + 0.9) * fs));
        Wave tWave = model.Waves[model.TWaveIndex];
        double stEnd = (tWave.OffsetSeconds * qt) + (0.5 * tWave.SigmaSeconds * qt);
        double stFall = 0.3 * tWave.SigmaSeconds * qt;
        Vector3D st = model.StVector;
        bool hasSt = st != Vector3D.Zero;
        for (int i = first; i <= last; i++)
        {
            double dt = (i / fs) - rPeak;
            double sx = 0;
            double sy = 0;
            double sz = 0;
            foreach (Wave wave in model.Waves)
            {
                double scale = wave.ScalesWithQt ? qt : 1.0;
                double u = (dt - (wave.OffsetSeconds * scale)) / (wave.SigmaSeconds * scale);
                if (u is > -6 and < 6)
                {
                    double g = Math.Exp(-0.5 * u * u);
                    sx += wave.Amplitude.X * g;
                    sy += wave.Amplitude.Y * g;
                    sz += wave.Amplitude.Z * g;
                }
            }

            if (hasSt)
            {
                double plateau = Logistic((dt - model.JPointSeconds) / 0.006) * Logistic((stEnd - dt) / stFall);
                sx += st.X * plateau;
                sy += st.Y * plateau;
                sz += st.Z * plateau;
            }

            x[i] += beatGain * sx;
            y[i] += beatGain * sy;
            z[i] += beatGain * sz;
        }
    }

    private static double Logistic(double u) => 1.0 / (1.0 + Math.Exp(-u));

    private static void AddNoise(double[] lead, NoiseSpec noise, double fs, double respirationHz, SeededRandom random)
    {
        double wander = noise.BaselineWanderMillivolts!.Value * random.Uniform(0.3, 1.0);
        double respirationShare = random.Uniform(0.3, 0.7);
        double phase1 = random.Angle();
        double slowHz = random.Uniform(0.05, 0.15);
        double phase2 = random.Angle();
        double mainsAmplitude = noise.MainsMillivolts!.Value * random.Uniform(0.5, 1.0);
        double mainsHz = noise.MainsHz!.Value;
        double mainsPhase = random.Angle();
        // A real front end filters below Nyquist: mains at or above half the rate cannot appear.
        if (mainsHz >= 0.45 * fs)
        {
            mainsAmplitude = 0;
        }

        double muscle = noise.MuscleMillivolts!.Value * random.Uniform(0.5, 1.0);
        for (int i = 0; i < lead.Length; i++)
        {
            double t = i / fs;
            double value = wander * ((respirationShare * Math.Sin((2 * Math.PI * respirationHz * t) + phase1))
                + ((1 - respirationShare) * Math.Sin((2 * Math.PI * slowHz * t) + phase2)));
            if (mainsAmplitude > 0)
            {
                value += mainsAmplitude * Math.Sin((2 * Math.PI * mainsHz * t) + mainsPhase);
            }

            if (muscle > 0)
            {
                value += muscle * random.Gaussian();
            }

            lead[i] += value;
        }
    }

    [DoesNotReturn]
    private static void ThrowInvalid(IssueList issues, string parameterName) =>
        throw new ArgumentException($"Invalid simulation spec: {issues.CodesText()}.", parameterName);
}

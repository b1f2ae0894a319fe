using System.Buffers.Binary;
using EcgBridge.Core;
using EcgBridge.Core.Issues;

namespace EcgBridge.Wfdb;

/// <summary>
/// Reads a WFDB record (header + format-16 signal files, including MATLAB v4 .mat files stored as "16x1+24") into an
/// <see cref="EcgRecording"/> in mV. Signal descriptions are mapped to standard leads with <see cref="LeadCatalog"/>;
/// other signals (for example Frank leads vx, vy, vz) are skipped with a warning.
/// </summary>
public static class WfdbRecordReader
{
    /// <summary>Reads the record whose header is at <paramref name="headerPath"/>.</summary>
    public static bool TryRead(string headerPath, IssueList issues, out EcgRecording? recording)
    {
        ArgumentNullException.ThrowIfNull(headerPath);
        ArgumentNullException.ThrowIfNull(issues);
        recording = null;
        if (!File.Exists(headerPath))
        {
            issues.Error(WfdbCodes.FileMissing, Path.GetFileName(headerPath));
            return false;
        }

        if (!WfdbHeader.TryParse(File.ReadAllText(headerPath), issues, out WfdbHeader? header))
        {
            return false;
        }

        string directory = Path.GetDirectoryName(Path.GetFullPath(headerPath))!;
        string ownName = Path.GetFileNameWithoutExtension(headerPath);
        var fileCache = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var fileSignals = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (WfdbSignalSpec signal in header!.Signals)
        {
            fileSignals[signal.FileName] = fileSignals.GetValueOrDefault(signal.FileName) + 1;
        }

        var leads = new List<LeadSignal>(header.Signals.Count);
        var indexInFile = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int s = 0; s < header.Signals.Count; s++)
        {
            WfdbSignalSpec spec = header.Signals[s];
            int column = indexInFile.GetValueOrDefault(spec.FileName);
            indexInFile[spec.FileName] = column + 1;
            string location = $"signal {s + 1}";
            if (spec.Format != 16)
            {
                issues.Error(WfdbCodes.FormatUnsupported, location);
                return false;
            }

            if (!LeadCatalog.TryParse(spec.Description, out Lead lead))
            {
                issues.Warning(EcgCodes.LeadUnknown, location);
                continue;
            }

            if (!Units.TryGetMillivoltFactor(spec.Units, out double unitFactor))
            {
                issues.Error(EcgCodes.UnitUnsupported, $"lead {LeadCatalog.DisplayName(lead)}");
                return false;
            }

            if (!fileCache.TryGetValue(spec.FileName, out byte[]? bytes))
            {
                string path = Path.Combine(directory, spec.FileName);
                if (!File.Exists(path))
                {
                    // LUDB-style headers name "1.dat" beside a renamed record: read the record's own file instead.
                    string fallback = Path.Combine(directory, ownName + Path.GetExtension(spec.FileName));
                    if (!File.Exists(fallback))
                    {
                        issues.Error(WfdbCodes.FileMissing, location);
                        return false;
                    }

                    issues.Warning(WfdbCodes.FileRenamed, location);
                    path = fallback;
                }

                bytes = File.ReadAllBytes(path);
                fileCache[spec.FileName] = bytes;
            }

            int channels = fileSignals[spec.FileName];
            int available = Math.Max(0, bytes.Length - spec.ByteOffset) / (2 * channels);
            int count = header.SampleCount > 0 ? header.SampleCount : available;
            if (available < count)
            {
                issues.Error(WfdbCodes.DataTruncated, location);
                return false;
            }

            var samples = new double[count];
            double scale = unitFactor / spec.Gain;
            ReadOnlySpan<byte> data = bytes.AsSpan(spec.ByteOffset);
            for (int i = 0; i < count; i++)
            {
                short adc = BinaryPrimitives.ReadInt16LittleEndian(data.Slice(((i * channels) + column) * 2, 2));
                // -32768 is WFDB's "invalid sample" marker for format 16.
                samples[i] = adc == short.MinValue ? double.NaN : (adc - spec.Baseline) * scale;
            }

            leads.Add(new LeadSignal(lead, samples)
            {
                SourceLocation = location,
                LowerLimitMillivolts = (short.MinValue + 1 - spec.Baseline) * scale,
                UpperLimitMillivolts = (short.MaxValue - spec.Baseline) * scale,
            });
        }

        recording = new EcgRecording(leads, header.SampleRateHz)
        {
            Source = new EcgSource { ObservationId = header.RecordName },
        };
        return true;
    }
}

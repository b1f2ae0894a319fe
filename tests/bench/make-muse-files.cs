#:project ../EcgBridge.TestSupport/EcgBridge.TestSupport.csproj
// Writes N distinct GE MUSE XML files (HR06000's leads, a different PatientID each) into a folder, for the folder-drain
// measurement (tests/bench/folder-drain.sh). Usage: dotnet run tests/bench/make-muse-files.cs -- <dir> <count>
using EcgBridge.Core;
using EcgBridge.TestSupport;
using EcgBridge.TestSupport.Formats;

string dir = args[0];
int count = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
Directory.CreateDirectory(dir);
EcgRecording real = RealRecords.Load(RealRecords.Hr06000);
Dictionary<Lead, short[]> counts = MuseXmlWriter.Quantize(real, 4.88);
for (int i = 0; i < count; i++)
{
    File.WriteAllBytes(Path.Combine(dir, $"ecg{i:D5}.xml"), MuseXmlWriter.Write(counts, real.SampleRateHz, patientId: "DRAIN-" + i));
}

Console.WriteLine($"wrote {count} files to {dir}");

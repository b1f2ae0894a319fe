using EcgBridge.Core.Mapping;

namespace EcgBridge.Formats.Tests;

/// <summary>Profiles and file helpers shared by the format tests.</summary>
internal static class FormatsTestProfiles
{
    public static MappingProfile For(MappingFormat format, params (string Key, string Value)[] options)
    {
        var dictionary = new Dictionary<string, string>();
        foreach ((string key, string value) in options)
        {
            dictionary[key] = value;
        }

        return new MappingProfile { Name = "test", Format = format, Options = dictionary };
    }

    public static byte[] Read(params string[] parts) => File.ReadAllBytes(Path.Combine([AppContext.BaseDirectory, "TestData", .. parts]));
}

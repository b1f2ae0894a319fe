namespace EcgBridge.Formats.Tests;

public sealed class FormatsAssemblyTests
{
    [Fact]
    public void Decoder_version_is_stated() => Assert.False(string.IsNullOrEmpty(FormatsAssembly.Version));
}
